/* Lectern course search: queries tokenized exactly as the builder tokenized the pages, looked up in the
 * prebuilt index shards, which load as plain scripts so search works from file:// too. Loaded on search
 * pages only, after lectern.js. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || typeof document === "undefined") return;
  const { t, element, safely } = Lectern;

  /* ---------------------------------------------------------------- Search tokens (pure) */

  /** Splits text into search tokens exactly as the builder does when it writes the index: accents
   *  dropped (NFD, marks removed), split on anything but letters and digits, at least two code points
   *  (counted before lowercasing, as the builder does), lowercased. */
  function tokenize(text) {
    return String(text)
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((token) => Array.from(token).length >= 2)
      .map((token) => token.toLowerCase());
  }

  /** The shard a token's postings live in: lowercase hex of the UTF-8 bytes of its first two code points
   *  (Unicode scalars, as the builder counts them). */
  function shardHex(token) {
    const prefix = Array.from(token).slice(0, 2).join("");
    let hex = "";
    for (const byte of new TextEncoder().encode(prefix)) hex += byte.toString(16).padStart(2, "0");
    return hex;
  }


  /* ---------------------------------------------------------------- Course search */

  const MAX_RESULTS = 20;

  function initSearch(info) {
    const manifestElement = document.getElementById("search-manifest");
    const form = document.querySelector(".search-form");
    const input = form ? form.querySelector("input[name=q]") : null;
    const results = document.querySelector(".search-results");
    const status = document.querySelector(".search-status");
    if (!manifestElement || !form || !input || !results) return;
    let manifest;
    try {
      manifest = JSON.parse(manifestElement.textContent);
    } catch (error) {
      return;
    }
    const index = new SearchIndex(manifest, info.courseRoot);
    const view = { input, results, status, courseRoot: info.courseRoot };
    let generation = 0;
    const run = (query) => {
      generation += 1;
      const mine = generation;
      showSearch(view, index, query, () => mine === generation);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      updateQueryString(input.value);
      run(input.value);
    });
    const initial = new URLSearchParams(global.location.search).get("q");
    if (initial) {
      input.value = initial;
      run(initial);
    }
  }

  /** Keeps ?q= in the address so the results can be bookmarked; some file:// setups refuse, which is fine. */
  function updateQueryString(query) {
    try {
      const url = new URL(global.location.href);
      url.searchParams.set("q", query);
      global.history.replaceState(null, "", url.href);
    } catch (error) {
      // The search still works without it.
    }
  }

  /** Loads the index shards a query needs with <script> elements and answers queries from them. */
  class SearchIndex {
    constructor(manifest, courseRoot) {
      this.base = courseRoot + (manifest.base || "search/");
      this.docChunk = Number(manifest.docChunk) || 200;
      this.available = new Set(manifest.terms || []);
      this.termShards = new Map();
      this.docChunks = new Map();
      this.loading = new Map();
      // The shard scripts call these; they must exist before the first shard loads.
      global.LecternSearch = {
        terms: (hex, postings) => { this.termShards.set(hex, postings || {}); },
        docs: (chunk, docs) => { this.docChunks.set(Number(chunk), docs || []); }
      };
    }

    load(file) {
      if (!this.loading.has(file)) {
        this.loading.set(file, new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = this.base + file;
          script.onload = () => resolve();
          script.onerror = () => { this.loading.delete(file); reject(new Error("cannot load " + file)); };
          document.head.append(script);
        }));
      }
      return this.loading.get(file);
    }

    /** Ranked doc ids matching every token as a prefix, and how many matched in all. */
    async search(tokens) {
      const hexes = tokens.map(shardHex);
      // A token whose two-character prefix has no shard matches nothing, and so neither does the query.
      if (hexes.some((hex) => !this.available.has(hex))) return { ids: [], count: 0 };
      await Promise.all([...new Set(hexes)].map((hex) => this.load("t-" + hex + ".js")));
      let scores = null;
      tokens.forEach((token, position) => {
        const tokenScores = this.postingsFor(token, this.termShards.get(hexes[position]) || {});
        if (scores === null) { scores = tokenScores; return; }
        for (const id of scores.keys()) {
          if (tokenScores.has(id)) scores.set(id, scores.get(id) + tokenScores.get(id)); else scores.delete(id);
        }
      });
      const ranked = Array.from(scores || new Map()).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      return { ids: ranked.slice(0, MAX_RESULTS).map(([id]) => id), count: ranked.length };
    }

    /** Sum of weights per doc over every term of the shard that starts with the token. */
    postingsFor(token, shard) {
      const scores = new Map();
      for (const [term, postings] of Object.entries(shard)) {
        if (!term.startsWith(token) || !Array.isArray(postings)) continue;
        for (let index = 0; index + 1 < postings.length; index += 2) {
          const id = postings[index];
          scores.set(id, (scores.get(id) || 0) + Number(postings[index + 1]));
        }
      }
      return scores;
    }

    /** [title, href, moduleTitle, summary] for each id, loading the doc chunks they are in. */
    async docs(ids) {
      const chunks = new Set(ids.map((id) => Math.floor(id / this.docChunk)));
      await Promise.all([...chunks].map((chunk) => this.load("d-" + chunk + ".js")));
      return ids.map((id) => {
        const chunk = this.docChunks.get(Math.floor(id / this.docChunk)) || [];
        return chunk[id % this.docChunk] || null;
      }).filter(Boolean);
    }
  }

  async function showSearch(view, index, query, isCurrent) {
    const tokens = [...new Set(tokenize(query))];
    view.results.replaceChildren();
    if (tokens.length === 0) {
      setStatus(view, query.trim() ? t("search.tooShort") : "");
      return;
    }
    setStatus(view, t("search.loading"));
    try {
      const { ids, count } = await index.search(tokens);
      const docs = await index.docs(ids);
      if (!isCurrent()) return;
      view.results.replaceChildren(...docs.map((doc) => resultItem(doc, view.courseRoot)));
      setStatus(view, count === 0 ? t("search.noResults", { query: query.trim() })
        : t("search.results", { count, query: query.trim() }));
    } catch (error) {
      if (isCurrent()) setStatus(view, t("search.error"));
    }
  }

  function setStatus(view, text) {
    if (view.status) view.status.textContent = text;
  }

  function resultItem(doc, courseRoot) {
    const [title, href, moduleTitle, summary] = doc;
    const item = element("li", "search-result");
    const heading = element("h2", "search-result-title");
    const link = element("a", "", title);
    link.href = courseRoot + href;
    heading.append(link);
    item.append(heading);
    if (moduleTitle) item.append(element("p", "search-result-module", t("search.module", { module: moduleTitle })));
    if (summary) item.append(element("p", "search-result-summary", summary));
    return item;
  }


  const info = Lectern.pageInfo();
  if (info.page === "search") safely(initSearch, info);
})((typeof window !== "undefined" ? window : globalThis));
