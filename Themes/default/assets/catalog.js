/* Lectern catalog: the course list's search box, category and level filters, and pages. Loaded by the
 * catalog page only, after lectern.js. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || typeof document === "undefined") return;
  const { t, element, safely, pagination: renderPagination } = Lectern;

  /** Lowercased text without accents, for the catalog filter. */
  function fold(text) {
    return String(text).normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }

  /* ---------------------------------------------------------------- Catalog */

  const COURSES_PER_PAGE = 12;

  function initCatalog() {
    const list = document.querySelector(".course-list");
    const form = document.querySelector(".catalog-filters");
    if (!list) return;
    const cards = Array.from(list.querySelectorAll(".course-card")).map((card) => ({
      card,
      text: fold(card.dataset.title || card.textContent),
      category: card.dataset.category || "",
      level: card.dataset.level || ""
    }));
    const controls = {
      text: document.getElementById("filter-text"),
      category: document.getElementById("filter-category"),
      level: document.getElementById("filter-level"),
      status: document.querySelector(".catalog-status")
    };
    const pagination = element("nav", "pagination");
    pagination.setAttribute("aria-label", t("catalog.pagination"));
    list.after(pagination);
    const state = { page: 1 };

    const apply = (moveFocus) => {
      const matching = cards.filter((entry) => matches(entry, controls));
      const pages = Math.max(1, Math.ceil(matching.length / COURSES_PER_PAGE));
      state.page = Math.min(Math.max(1, state.page), pages);
      const first = (state.page - 1) * COURSES_PER_PAGE;
      const shown = new Set(matching.slice(first, first + COURSES_PER_PAGE));
      for (const entry of cards) entry.card.hidden = !shown.has(entry);
      if (controls.status) controls.status.textContent = matching.length === 0 ? t("catalog.noMatch")
        : t("catalog.showing", { from: first + 1, to: first + shown.size, total: matching.length });
      renderPagination(pagination, state.page, pages, (page) => { state.page = page; apply(true); });
      if (moveFocus) {
        const link = matching[first] && matching[first].card.querySelector("a");
        if (link) link.focus();
      }
    };

    if (form) {
      form.hidden = false;
      form.addEventListener("input", () => { state.page = 1; apply(false); });
      form.addEventListener("change", () => { state.page = 1; apply(false); });
      form.addEventListener("submit", (event) => event.preventDefault());
      // Reset fires before the fields are cleared.
      form.addEventListener("reset", () => global.setTimeout(() => { state.page = 1; apply(false); }, 0));
    }
    apply(false);
  }

  function matches(entry, controls) {
    const category = controls.category ? controls.category.value : "";
    const level = controls.level ? controls.level.value : "";
    if (category && entry.category !== category) return false;
    if (level && entry.level !== level) return false;
    const words = controls.text ? fold(controls.text.value).split(/\s+/).filter(Boolean) : [];
    return words.every((word) => entry.text.includes(word));
  }



  /** On `lectern serve`, the hosted SCORM packages join the list: the page was built with the authored
   *  courses only, and packages are uploaded while the server runs. Each opens in the package player. */
  async function addHostedPackages() {
    const list = document.querySelector(".course-list");
    if (!list || !(await Lectern.detectServer())) return;
    let items = [];
    try {
      const response = await global.fetch(Lectern.apiRoot + "/courses?page_size=100",
        { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) items = ((await response.json()).items || []).filter((course) => course.scorm_package);
    } catch (error) {
      return;
    }
    for (const course of items) {
      const card = element("li", "course-card");
      card.dataset.slug = String(course.slug);
      card.dataset.title = String(course.title) + " " + String(course.short_description || "");
      const inner = element("article", "course-card-inner");
      const heading = element("h2", "course-card-title");
      const link = element("a", null, String(course.title));
      link.href = "scorm-player.html?package=" + encodeURIComponent(String(course.scorm_package));
      heading.append(link);
      inner.append(heading);
      if (course.short_description) inner.append(element("p", "course-card-description", String(course.short_description)));
      card.append(inner);
      list.append(card);
    }
    const empty = document.querySelector(".catalog-empty");
    if (empty && items.length > 0) empty.hidden = true;
  }

  if (Lectern.pageInfo().page === "catalog") {
    safely(() => addHostedPackages().catch(() => {}).then(() => safely(initCatalog)));
  }
})((typeof window !== "undefined" ? window : globalThis));
