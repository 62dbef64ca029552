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

  /** The shard a token's postings live in: lowercase hex of the UTF-8 bytes of its first `length` code
   *  points (Unicode scalars, as the builder counts them; the manifest says how many). */
  function shardHex(token, length) {
    const prefix = Array.from(token).slice(0, length).join("");
    let hex = "";
    for (const byte of new TextEncoder().encode(prefix)) hex += byte.toString(16).padStart(2, "0");
    return hex;
  }


  /* ---------------------------------------------------------------- Snippets (pure) */

  /** The text folded as tokens are (accents dropped, lower case) and, for each folded UTF-16 unit, where
   *  it came from in the original, so a match found in the folded text can be marked in the original. */
  function folded(text) {
    let out = "";
    const origin = [];
    let position = 0;
    for (const character of text) {
      const fold = character.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
      for (let unit = 0; unit < fold.length; unit += 1) origin.push(position);
      out += fold;
      position += character.length;
    }
    origin.push(position);
    return { text: out, origin };
  }

  const WORD = /[\p{L}\p{N}]/u;

  /** [start, end) in `text` of every word starting with one of the tokens, in order (tokens match as
   *  prefixes, as the index does). */
  function matches(text, tokens) {
    const { text: fold, origin } = folded(text);
    const found = [];
    for (const token of tokens) {
      let at = fold.indexOf(token);
      while (at !== -1) {
        if (at === 0 || !WORD.test(fold[at - 1])) {
          let end = origin[at + token.length];
          while (end < text.length && WORD.test(text[end])) end += 1;
          found.push([origin[at], end]);
        }
        at = fold.indexOf(token, at + 1);
      }
    }
    return found.sort((a, b) => a[0] - b[0]);
  }

  /** The passage that holds the most of the query's tokens (the first of equals), and a window of its text
   *  around the first match: { anchor, heading, text, marks } with marks relative to text, or null. */
  function snippet(passages, tokens, width) {
    let best = null;
    for (const [anchor, heading, text] of passages) {
      const found = matches(text, tokens);
      if (found.length === 0) continue;
      const { text: fold } = folded(text);
      const distinct = tokens.filter((token) => fold.includes(token)).length;
      if (!best || distinct > best.distinct) best = { anchor, heading, text, found, distinct };
    }
    if (!best) return null;
    const { text, found } = best;
    let start = Math.max(0, found[0][0] - Math.floor(width / 3));
    while (start > 0 && start < found[0][0] && text[start - 1] !== " ") start += 1;
    let end = Math.min(text.length, start + width);
    while (end < text.length && end > found[0][1] && text[end] !== " ") end -= 1;
    const marks = found.filter(([from, to]) => from >= start && to <= end).map(([from, to]) => [from - start, to - start]);
    return {
      anchor: best.anchor, heading: best.heading, marks,
      text: text.slice(start, end), before: start > 0, after: end < text.length
    };
  }


  /* ---------------------------------------------------------------- Course search */

  const MAX_RESULTS = 20;
  /** Characters of text quoted around a match. */
  const SNIPPET_WIDTH = 180;

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
      this.passageChunk = Number(manifest.passageChunk) || 1;
      this.termPrefix = Number(manifest.termPrefix) || 2;
      this.available = new Set(manifest.terms || []);
      this.termShards = new Map();
      this.docChunks = new Map();
      this.passages = new Map();
      this.loading = new Map();
      // The shard scripts call these; they must exist before the first shard loads.
      global.LecternSearch = {
        terms: (hex, postings) => { this.termShards.set(hex, postings || {}); },
        docs: (chunk, docs) => { this.docChunks.set(Number(chunk), docs || []); },
        passages: (chunk, documents) => {
          (documents || []).forEach((passages, offset) => {
            this.passages.set(Number(chunk) * this.passageChunk + offset, passages || []);
          });
        }
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
      const hexes = tokens.map((token) => shardHex(token, this.termPrefix));
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

    /** { id, row: [title, href, moduleTitle, summary] } for each id, loading the doc chunks they are in. */
    async docs(ids) {
      const chunks = new Set(ids.map((id) => Math.floor(id / this.docChunk)));
      await Promise.all([...chunks].map((chunk) => this.load("d-" + chunk + ".js")));
      return ids.map((id) => {
        const chunk = this.docChunks.get(Math.floor(id / this.docChunk)) || [];
        return chunk[id % this.docChunk] ? { id, row: chunk[id % this.docChunk] } : null;
      }).filter(Boolean);
    }

    /** A page's [anchor, heading, text] passages; none for pages without text (quizzes). */
    async passagesOf(id) {
      try {
        await this.load("p-" + Math.floor(id / this.passageChunk) + ".js");
      } catch (error) {
        return [];
      }
      return this.passages.get(id) || [];
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
      const items = docs.map((doc) => resultItem(doc.row, view.courseRoot));
      view.results.replaceChildren(...items);
      setStatus(view, count === 0 ? t("search.noResults", { query: query.trim() })
        : t("search.results", { count, query: query.trim() }));
      // Then, result by result, where the words are: a quote with them marked, and a link to that heading.
      await Promise.all(docs.map(async (doc, position) => {
        const found = snippet(await index.passagesOf(doc.id), tokens, SNIPPET_WIDTH);
        if (found && isCurrent()) showSnippet(items[position], found);
      }));
    } catch (error) {
      if (isCurrent()) setStatus(view, t("search.error"));
    }
  }

  function setStatus(view, text) {
    if (view.status) view.status.textContent = text;
  }

  /** Replaces a result's summary with the quote, and points its link at the heading the quote is under. */
  function showSnippet(item, found) {
    const link = item.querySelector(".search-result-title a");
    if (link && found.anchor) link.href = link.href.split("#")[0] + "#" + encodeURIComponent(found.anchor);
    const quote = element("p", "search-result-snippet");
    if (found.heading) quote.append(element("span", "search-result-section", found.heading), " — ");
    if (found.before) quote.append("…");
    let at = 0;
    for (const [from, to] of found.marks) {
      if (from < at) continue;
      quote.append(found.text.slice(at, from), element("mark", "", found.text.slice(from, to)));
      at = to;
    }
    quote.append(found.text.slice(at));
    if (found.after) quote.append("…");
    const summary = item.querySelector(".search-result-summary");
    if (summary) summary.replaceWith(quote); else item.append(quote);
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
