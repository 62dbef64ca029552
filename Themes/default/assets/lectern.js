/* Lectern's core for every page: the UI strings, the progress record's storage (localStorage, or the SCORM
 * launch page's LecternSCO when the page runs in a package), small DOM helpers, the outline and syllabus,
 * the course home's progress, lesson pages (video lessons count once watched), printing, and the loading of
 * the server's scripts when `lectern serve` answers. Each feature has its own script, loaded only by the
 * pages that use it: quiz.js, search.js and catalog.js after this one, and the server's (server.js,
 * server-quiz.js, dashboard.js, admin.js) only when a server answers; file:// sites and SCORM packages
 * never load those. progress.js (the record and the standing rule) and grading.js load before.
 *
 * Plain scripts loaded with `defer`, no modules (they do not load from file:// in Chromium): each sets what
 * it shares on window.Lectern. Every feature looks for its elements first and does nothing when they are
 * missing, so a template change or an older page never breaks the rest.
 *
 * Inside a SCORM package the pages run in the frame of a launch page (scorm.js), which owns the LMS
 * session: progress is then loaded from and saved to window.parent.LecternSCO (localStorage stays in sync
 * as a backup), every page tells it where the learner is, and every quiz submission is handed to it. */
(function (global) {
  "use strict";

  /* ---------------------------------------------------------------- UI strings */

  let strings = {};

  /** Reads the flat string table: course pages load it as a shared script (assets/strings.<hash>.js, run
   *  before this one), pages at the site root carry it in #lectern-strings. */
  function loadStrings() {
    if (global.LecternStrings && typeof global.LecternStrings === "object") {
      strings = global.LecternStrings;
      return;
    }
    const element = document.getElementById("lectern-strings");
    if (!element) return;
    try {
      strings = JSON.parse(element.textContent) || {};
    } catch (error) {
      strings = {};
    }
  }

  /** The text for `key` with its {placeholders} filled in; the key itself when the table lacks it. */
  function t(key, values) {
    const text = Object.prototype.hasOwnProperty.call(strings, key) ? String(strings[key]) : key;
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (match, name) =>
      Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match);
  }

  /** The text for a number of things, in the plural form the page's language uses for `count`: the key
   *  `base.zero|one|two|few|many|other` (Arabic has all six, English and Spanish one and other), else
   *  `base.other`. {count} is the number written in the page's language. */
  function tn(base, count, values) {
    let form = count === 1 ? "one" : "other";
    try {
      form = new Intl.PluralRules(document.documentElement.lang || undefined).select(count);
    } catch (error) {
      // No Intl.PluralRules: English rules.
    }
    const key = Object.prototype.hasOwnProperty.call(strings, base + "." + form) ? base + "." + form : base + ".other";
    return t(key, Object.assign({ count: formatNumber(count) }, values));
  }

  /* ---------------------------------------------------------------- Progress */

  const STORAGE_PREFIX = "lectern:v1:progress:";
  // Used when localStorage throws (private mode, some file:// setups, quota): progress then lasts as long
  // as the page, which still lets a quiz count attempts.
  const memoryStore = new Map();

  // progress.js, loaded first, defines the record and its checks for this page and the SCORM launch page.
  const Progress = global.LecternProgress;
  const emptyProgress = Progress.empty;
  const sanitizeProgress = Progress.sanitize;

  /* The SCORM launch page this page runs in, if any: its LecternSCO object, or null. Looked up once;
   * reading a parent of another origin (an LMS, a site embedding the course) throws, which means none. */
  let scoHostCache;

  function scoHost() {
    if (scoHostCache !== undefined) return scoHostCache;
    scoHostCache = null;
    try {
      const parent = global.parent;
      const host = parent && parent !== global ? parent.LecternSCO : null;
      if (host && typeof host.loadProgress === "function") scoHostCache = host;
    } catch (error) {
      // Another origin: not a launch page of ours.
    }
    return scoHostCache;
  }

  /** Calls the launch page; whatever goes wrong there must not break this page. */
  function callHost(method, ...args) {
    const host = scoHost();
    if (!host || typeof host[method] !== "function") return undefined;
    try {
      return host[method](...args);
    } catch (error) {
      if (global.console) global.console.warn("Lectern: SCORM launch page", method, error);
      return undefined;
    }
  }

  function loadProgress(courseId) {
    if (!courseId) return emptyProgress();
    // The launch page's progress (restored from the LMS) wins; null from it means "use local storage".
    const hosted = callHost("loadProgress", courseId);
    if (hosted && typeof hosted === "object") return sanitizeProgress(hosted);
    const key = STORAGE_PREFIX + courseId;
    try {
      const raw = global.localStorage.getItem(key);
      if (raw !== null) return sanitizeProgress(JSON.parse(raw));
    } catch (error) {
      // Storage unavailable or the value is not JSON: fall back to this page's memory.
    }
    return sanitizeProgress(memoryStore.get(key));
  }

  function saveProgress(courseId, progress) {
    if (!courseId) return;
    const key = STORAGE_PREFIX + courseId;
    const clean = sanitizeProgress(progress);
    memoryStore.set(key, clean);
    try {
      global.localStorage.setItem(key, JSON.stringify(clean));
    } catch (error) {
      // Keep working without persistence.
    }
    callHost("saveProgress", courseId, clean);
    // Other hosts listen for this instead of patching our functions.
    if (typeof document !== "undefined" && typeof CustomEvent === "function") {
      document.dispatchEvent(new CustomEvent("lectern:progress", { detail: { courseId, progress: clean } }));
    }
  }

  /** Marks a lesson viewed; keeps the first time it was viewed. */
  function markComplete(courseId, lessonId, when) {
    const progress = loadProgress(courseId);
    if (!progress.completed[lessonId]) progress.completed[lessonId] = when || Date.now();
    saveProgress(courseId, progress);
    return progress;
  }

  /** Remembers the item to resume from: href is relative to the course root. */
  function setLast(courseId, last) {
    const progress = loadProgress(courseId);
    progress.last = { itemId: last.itemId, href: last.href, title: last.title };
    saveProgress(courseId, progress);
    return progress;
  }

  /** Counts one attempt at a quiz with its score (percent) and whether it passed. */
  function recordQuiz(courseId, quizId, score, passed) {
    const progress = loadProgress(courseId);
    const previous = progress.quizzes[quizId] || { best: 0, last: 0, attempts: 0, passed: false };
    progress.quizzes[quizId] = {
      best: Math.max(previous.best, score),
      last: score,
      attempts: previous.attempts + 1,
      passed: previous.passed || passed
    };
    saveProgress(courseId, progress);
    return progress;
  }

  /* ---------------------------------------------------------------- Answers */

  /** The chosen ids of an answer as an array, whatever shape it came in. */
  function chosenIds(answer) {
    if (Array.isArray(answer)) return answer.filter((id) => typeof id === "string" && id !== "");
    return typeof answer === "string" && answer !== "" ? [answer] : [];
  }

  /* ---------------------------------------------------------------- Small DOM helpers */

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shuffleInPlace(items) {
    for (let index = items.length - 1; index > 0; index -= 1) {
      const other = Math.floor(Math.random() * (index + 1));
      [items[index], items[other]] = [items[other], items[index]];
    }
    return items;
  }

  function pageInfo() {
    const data = document.body ? document.body.dataset : {};
    return {
      page: data.page || "",
      courseId: data.courseId || "",
      courseRoot: data.courseRoot || "",
      itemId: data.itemId || "",
      itemHref: data.itemHref || "",
      completion: data.completion || "all"
    };
  }

  /** A number in the page's language, with at most one decimal (scores are rounded to one). */
  function formatNumber(value) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }).format(value);
    } catch (error) {
      return String(Math.round(value * 10) / 10);
    }
  }

  /** Previous, numbered pages and next, as buttons; hidden when everything fits on one page. */
  function renderPagination(nav, page, pages, goTo) {
    nav.replaceChildren();
    nav.hidden = pages <= 1;
    if (pages <= 1) return;
    const list = element("ul", "pagination-list");
    const add = (label, target, options) => {
      const item = element("li");
      const button = element("button", "pagination-button" + (options.className ? " " + options.className : ""), label);
      button.type = "button";
      if (options.ariaLabel) button.setAttribute("aria-label", options.ariaLabel);
      if (options.current) button.setAttribute("aria-current", "page");
      button.disabled = options.disabled || false;
      button.addEventListener("click", () => goTo(target));
      item.append(button);
      list.append(item);
    };
    add(t("catalog.previousPage"), page - 1, { disabled: page === 1, className: "pagination-previous" });
    for (let number = 1; number <= pages; number += 1) {
      add(String(number), number, { current: number === page, ariaLabel: t("catalog.page", { page: number }) });
    }
    add(t("catalog.nextPage"), page + 1, { disabled: page === pages, className: "pagination-next" });
    nav.append(list);
  }

  /** The notice above a quiz the server grades: what is missing to take it, with the way to get it. */
  function showQuizNotice(text, link) {
    let notice = document.getElementById("lectern-quiz-server-notice");
    if (!notice) {
      const form = document.getElementById("quiz-form");
      if (!form) return;
      notice = element("p", "notice quiz-server-notice");
      notice.id = "lectern-quiz-server-notice";
      notice.setAttribute("role", "status");
      form.before(notice);
    }
    notice.replaceChildren(text);
    if (link) {
      const anchor = element("a", "", link.text);
      anchor.href = link.href;
      notice.append(" ", anchor);
    }
    notice.hidden = !text;
  }

  /* ---------------------------------------------------------------- Outline and syllabus */

  const NARROW_SCREEN = "(max-width: 50em)";

  /** Closes the outline on narrow screens (it opens with its summary button), open again when wide. */
  function initSidebar() {
    const disclosure = document.querySelector(".sidebar-disclosure");
    if (!disclosure || typeof global.matchMedia !== "function") return;
    const query = global.matchMedia(NARROW_SCREEN);
    const apply = () => { disclosure.open = !query.matches; };
    apply();
    if (typeof query.addEventListener === "function") query.addEventListener("change", apply);
    // In a module of hundreds of lessons the current one may be far down the scrolling outline.
    const current = disclosure.querySelector("[aria-current='page']");
    const scroller = document.querySelector(".sidebar");
    if (current && scroller && scroller.scrollHeight > scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, current.offsetTop - scroller.clientHeight / 3);
    }
  }

  /** Shows on every syllabus item whether it is viewed, passed or failed, for eyes and screen readers. */
  function decorateSyllabus(progress) {
    for (const item of document.querySelectorAll(".syllabus-item[data-item-id]")) {
      const id = item.dataset.itemId;
      const quiz = progress.quizzes[id];
      let status = "";
      item.classList.remove("is-complete", "is-passed", "is-failed");
      if (item.dataset.kind === "quiz") {
        if (quiz && quiz.passed) { item.classList.add("is-passed"); status = t("status.passed"); }
        else if (quiz && quiz.attempts > 0) { item.classList.add("is-failed"); status = t("status.failed"); }
      } else if (progress.completed[id]) {
        item.classList.add("is-complete");
        status = t("status.complete");
      }
      const link = item.querySelector("a") || item;
      let label = link.querySelector(".item-status");
      if (!status) { if (label) label.remove(); continue; }
      if (!label) { label = element("span", "item-status visually-hidden"); link.append(label); }
      label.textContent = " " + status;
    }
  }

  /* ---------------------------------------------------------------- Course home progress */

  /** Distinct lesson and quiz ids listed in the page's syllabus, with the first item's link. Assignments
   *  are handed in on the kiosk only, so sites leave them out of the completion rule. */
  function syllabusItems() {
    const lessons = new Set();
    const quizzes = new Set();
    let first = null;
    for (const item of document.querySelectorAll(".syllabus .syllabus-item[data-item-id]")) {
      if (item.dataset.kind !== "assignment") (item.dataset.kind === "quiz" ? quizzes : lessons).add(item.dataset.itemId);
      if (!first) first = item.querySelector("a[href]");
    }
    return { lessons, quizzes, first };
  }

  function initCourseProgress(info, progress) {
    const section = document.querySelector(".course-progress");
    if (!section) return;
    const { lessons, quizzes, first } = syllabusItems();
    const total = lessons.size + quizzes.size;
    if (total === 0) return;
    const standing = Progress.standing(progress, { lessons: [...lessons], quizzes: [...quizzes], completion: info.completion });
    const lessonsLeft = standing.lessons - standing.lessonsDone;
    const quizzesLeft = standing.quizzes - standing.quizzesPassed;
    const done = standing.lessonsDone + standing.quizzesPassed;
    const percent = standing.percent;

    const bar = section.querySelector("progress");
    if (bar) { bar.max = 100; bar.value = percent; bar.textContent = percent + "%"; }
    const summary = section.querySelector(".progress-summary");
    if (summary) summary.textContent = t("progress.summary", { done, total, percent: formatNumber(percent) });

    fillResume(section, info, progress, first);

    const status = section.querySelector(".progress-status");
    if (status) {
      const complete = standing.complete;
      status.textContent = complete ? t("progress.complete") : remainingText(info.completion, lessonsLeft, quizzesLeft);
      section.classList.toggle("is-complete", complete);
    }
    section.hidden = false;
  }

  /** "Resume where you left off" with the last item, or "Start the course" with the first one. */
  function fillResume(section, info, progress, first) {
    const paragraph = section.querySelector(".progress-resume");
    const label = section.querySelector(".progress-resume-label");
    const link = section.querySelector(".progress-resume-link");
    if (!paragraph || !label || !link) return;
    if (progress.last) {
      label.textContent = t("progress.resume");
      link.href = info.courseRoot + progress.last.href;
      link.textContent = progress.last.title || syllabusTitle(info, progress.last.href) || progress.last.href;
    } else if (first) {
      label.textContent = t("progress.start");
      link.href = first.getAttribute("href");
      link.textContent = first.textContent.trim();
    } else {
      return;
    }
    paragraph.hidden = false;
  }

  /** The title the syllabus gives the item at `href` (relative to the course root), or "". A place to
   *  resume from that came from the server has no title of its own. */
  function syllabusTitle(info, href) {
    for (const link of document.querySelectorAll(".syllabus-item a[href]")) {
      if (link.getAttribute("href") !== info.courseRoot + href) continue;
      const title = link.querySelector(".item-title") || link;
      return title.textContent.trim();
    }
    return "";
  }

  function remainingText(rule, lessonsLeft, quizzesLeft) {
    const parts = [];
    if (rule !== "quizzes" && lessonsLeft > 0) parts.push(t("progress.lessonsLeft", { count: lessonsLeft }));
    if (rule !== "lessons" && quizzesLeft > 0) parts.push(t("progress.quizzesLeft", { count: quizzesLeft }));
    return [t("progress.incomplete")].concat(parts).join(" ");
  }

  /* ---------------------------------------------------------------- Lesson pages */

  // Set while a video lesson waits for enough of its video to play before it counts as viewed.
  let lessonAwaitsVideo = false;

  /** Opening a lesson makes it the place to resume from and completes it, or, for a video lesson, arms
   *  the video: the lesson completes once the course's share of it has played (progress.js's rule). */
  function initLesson(info) {
    if (!info.courseId || !info.itemId) return;
    rememberLast(info);
    const video = document.querySelector("video.media-player[data-complete-percent]");
    const share = video ? Number(video.dataset.completePercent) / 100 : 0;
    if (!(share > 0) || loadProgress(info.courseId).completed[info.itemId]) {
      completeLesson(info);
      return;
    }
    lessonAwaitsVideo = true;
    const check = () => {
      if (!lessonAwaitsVideo || !(playedShare(video) >= share - 1e-6)) return;
      lessonAwaitsVideo = false;
      completeLesson(info);
    };
    video.addEventListener("timeupdate", check);
    video.addEventListener("ended", check);
  }

  /** The share of a media element's length that has really played: skipping ahead plays nothing. */
  function playedShare(media) {
    const duration = media.duration;
    if (!Number.isFinite(duration) || duration <= 0) return 0;
    let played = 0;
    for (let index = 0; index < media.played.length; index += 1) played += media.played.end(index) - media.played.start(index);
    return Math.min(1, played / duration);
  }

  /** Records the lesson as viewed and tells the page (the server client sends it on). */
  function completeLesson(info) {
    const progress = markComplete(info.courseId, info.itemId);
    decorateSyllabus(progress);
    if (typeof CustomEvent === "function") {
      document.dispatchEvent(new CustomEvent("lectern:lesson-complete", { detail: { courseId: info.courseId, itemId: info.itemId } }));
    }
  }

  function rememberLast(info) {
    if (!info.courseId || !info.itemId || !info.itemHref) return loadProgress(info.courseId);
    return setLast(info.courseId, { itemId: info.itemId, href: info.itemHref, title: pageHeading() });
  }

  function pageHeading() {
    const heading = document.querySelector("main h1");
    return heading ? heading.textContent.trim() : document.title;
  }

  /* ---------------------------------------------------------------- SCORM launch page */

  /** Tells the launch page which page is showing (its bookmark): the item's href, or for the course home,
   *  module and search pages their path from the course root. */
  function announcePage(info) {
    if (!info.courseId || !scoHost()) return;
    const href = info.itemHref || pathFromCourseRoot(info.courseRoot);
    if (href) callHost("pageShown", href, info.itemId, pageHeading());
  }

  /** This page's path relative to the course root ("index.html", "basics/index.html"); "" if outside. */
  function pathFromCourseRoot(courseRoot) {
    try {
      const root = new URL(courseRoot || "./", global.location.href).pathname;
      const path = global.location.pathname;
      if (!path.startsWith(root)) return "";
      const relative = path.slice(root.length);
      return relative === "" || relative.endsWith("/") ? relative + "index.html" : relative;
    } catch (error) {
      return "";
    }
  }

  /** Links to other sites open in a new tab: many sites refuse to be framed, and leaving in the frame
   *  would strand the learner inside the LMS's player. */
  function openExternalLinksOutside() {
    document.addEventListener("click", (event) => {
      const link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (!link || link.target) return;
      let url;
      try {
        url = new URL(link.href, global.location.href);
      } catch (error) {
        return;
      }
      if ((url.protocol === "http:" || url.protocol === "https:") && url.origin !== global.location.origin) {
        link.target = "_blank";
        link.rel = (link.rel ? link.rel + " " : "") + "noopener";
      }
    });
  }

  /* ---------------------------------------------------------------- Printing */

  /** Opens closed <details> (syllabus modules, FAQs) for printing, and closes them again afterwards:
   *  most browsers cannot be told by CSS to print a closed one's content. */
  function initPrinting() {
    let reopened = [];
    global.addEventListener("beforeprint", () => {
      reopened = Array.from(document.querySelectorAll("main details:not([open])"));
      for (const details of reopened) details.open = true;
    });
    global.addEventListener("afterprint", () => {
      for (const details of reopened) details.open = false;
      reopened = [];
    });
  }

  /* ---------------------------------------------------------------- Start-up */

  /** Runs one feature; an error in it must not stop the others. */
  function safely(feature, ...args) {
    try {
      return feature(...args);
    } catch (error) {
      if (global.console) global.console.error("Lectern:", error);
      return undefined;
    }
  }

  function init() {
    const info = pageInfo();
    safely(initSidebar);
    safely(initPrinting);
    if (info.page === "lesson") safely(initLesson, info);
    if (info.page === "quiz" || info.page === "assignment") safely(rememberLast, info);
    if (info.courseId) safely(announcePage, info);
    if (scoHost()) safely(openExternalLinksOutside);
    if (info.courseId) {
      const progress = loadProgress(info.courseId);
      safely(decorateSyllabus, progress);
      if (info.page === "course") safely(initCourseProgress, info, progress);
    }
    safely(() => initServerScripts(info).catch((error) => {
      if (global.console) global.console.error("Lectern:", error);
    }));
  }

  /**
   * Runs `enhance(root)` on the page, then on every element added later under <main> that matches or
   * holds `selector` (quiz feedback and explanations arrive after submitting). Elements matching
   * `scrollable` that scroll sideways get a tab stop so keyboard users can scroll them; this is redone
   * when the window resizes. Used by code.js and math.js.
   */
  function enhancePage(selector, scrollable, enhance) {
    const focusScrollable = () => {
      for (const element of document.querySelectorAll(scrollable)) {
        if (element.scrollWidth > element.clientWidth + 1) element.setAttribute("tabindex", "0");
        else element.removeAttribute("tabindex");
      }
    };
    enhance(document);
    focusScrollable();
    const main = document.querySelector("main") || document.body;
    if (main && typeof global.MutationObserver === "function") {
      new global.MutationObserver((records) => {
        let added = false;
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.nodeType !== 1 || !(node.matches(selector) || node.querySelector(selector))) continue;
            enhance(node);
            added = true;
          }
        }
        if (added) focusScrollable();
      }).observe(main, { childList: true, subtree: true });
    }
    let pending = false;
    global.addEventListener("resize", () => {
      if (pending) return;
      pending = true;
      global.requestAnimationFrame(() => {
        pending = false;
        focusScrollable();
      });
    });
  }

  /* ---------------------------------------------------------------- The server's scripts */

  const API_ROOT = "/api/v1";
  const SERVER_KEY = "lectern:v1:server";   // sessionStorage: true or false, the answer of /api/v1/health

  // Used when Web Storage throws (private mode, storage turned off): state then lasts as long as the page.
  const memoryStorage = new Map();

  function readStored(area, key) {
    let raw = null;
    try {
      raw = global[area].getItem(key);
    } catch (error) {
      raw = memoryStorage.has(area + "\n" + key) ? memoryStorage.get(area + "\n" + key) : null;
    }
    if (raw === null || raw === undefined) return null;
    try {
      return JSON.parse(raw);
    } catch (error) {
      return null;
    }
  }

  function writeStored(area, key, value) {
    const raw = JSON.stringify(value);
    memoryStorage.set(area + "\n" + key, raw);
    try {
      global[area].setItem(key, raw);
    } catch (error) {
      // Memory only.
    }
  }

  function removeStored(area, key) {
    memoryStorage.delete(area + "\n" + key);
    try {
      global[area].removeItem(key);
    } catch (error) {
      // Nothing stored there.
    }
  }


  let serverCheck = null;

  /** Whether this page is served by `lectern serve`: /api/v1/health answers {"status": "ok"}. Asked once
   *  per tab (sessionStorage); never on file:// or inside a SCORM package. */
  function detectServer() {
    if (!serverCheck) serverCheck = checkServer();
    return serverCheck;
  }

  async function checkServer() {
    const protocol = global.location ? global.location.protocol : "";
    if (protocol !== "http:" && protocol !== "https:") return false;
    if (scoHost() || typeof global.fetch !== "function") return false;
    const known = readStored("sessionStorage", SERVER_KEY);
    if (known === true || known === false) return known;
    let available;
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? global.setTimeout(() => controller.abort(), 5000) : null;
    try {
      const response = await global.fetch(API_ROOT + "/health", {
        headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store",
        signal: controller ? controller.signal : undefined
      });
      let data = null;
      if (response.ok) {
        try {
          data = await response.json();
        } catch (error) {
          data = null;
        }
      }
      available = Boolean(data && data.status === "ok");
    } catch (error) {
      // No answer at all (offline, timeout): say no for this page, and ask again on the next one.
      return false;
    } finally {
      if (timer !== null) global.clearTimeout(timer);
    }
    writeStored("sessionStorage", SERVER_KEY, available);
    return available;
  }

  /** Resolves once every deferred script of the page has run (they all run before DOMContentLoaded). */
  function afterDeferredScripts() {
    return new Promise((resolve) => {
      if (document.readyState === "complete") resolve();
      else {
        document.addEventListener("DOMContentLoaded", resolve, { once: true });
        global.addEventListener("load", resolve, { once: true });
      }
    });
  }

  /** The scripts that need `lectern serve` (the builder lists them in #lectern-server-scripts; SCORM
   *  packages have none) load only once the server answers, after the page's own scripts. Without a server,
   *  the pages that need one say so. */
  async function initServerScripts(info) {
    const available = await detectServer();
    if (!available) {
      for (const id of ["lectern-account-no-server", "lectern-my-courses-no-server"]) {
        const notice = document.getElementById(id);
        if (notice) notice.hidden = false;
      }
      const keylessQuiz = info.page === "quiz" && document.getElementById("quiz-form") && !document.getElementById("quiz-key");
      if (keylessQuiz) showQuizNotice(t("quiz.needsServer"));
      return;
    }
    let scripts = [];
    try {
      const list = document.getElementById("lectern-server-scripts");
      scripts = list ? JSON.parse(list.textContent) : [];
    } catch (error) {
      scripts = [];
    }
    await afterDeferredScripts();
    for (const src of Array.isArray(scripts) ? scripts : []) {
      const script = document.createElement("script");
      script.src = String(src);
      script.async = false;   // in the listed order
      document.head.append(script);
    }
  }

  /** Forgets the progress this browser keeps (a signed-out kiosk must not show the last learner's). */
  function forgetLocalProgress() {
    try {
      const keys = [];
      for (let index = 0; index < global.localStorage.length; index += 1) {
        const key = global.localStorage.key(index);
        if (key && key.startsWith(STORAGE_PREFIX)) keys.push(key);
      }
      for (const key of keys) global.localStorage.removeItem(key);
    } catch (error) {
      // Storage unavailable: only memory to clear.
    }
    memoryStore.clear();
  }

  /** Milliseconds since 1970 of a time the API sends: an ISO 8601 UTC string ("2026-12-04T18:33:25Z"),
   *  or Unix seconds (a number, or digits in a string); 0 when there is none. */
  function timeOf(value) {
    if (typeof value === "number") return value > 0 ? value * 1000 : 0;
    if (typeof value !== "string" || !value) return 0;
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const milliseconds = Date.parse(value);
    return Number.isNaN(milliseconds) ? 0 : milliseconds;
  }

  /** Fills the header's account area (`#lectern-account-nav`, empty and hidden in the page) with its
   *  links, all hidden but "Sign in", for server.js to show: only pages the Lectern server serves have
   *  an account area, so the others do not carry a kilobyte of markup they never show. */
  function fillAccountNav() {
    const nav = document.getElementById("lectern-account-nav");
    if (!nav || nav.querySelector(".account-nav-list")) return nav;
    const root = nav.dataset.root || "";
    const list = element("ul", "account-nav-list");
    const entry = (name, child, shown) => {
      const item = element("li", "account-nav-" + name);
      item.hidden = !shown;
      item.append(child);
      list.append(item);
    };
    const link = (className, href, text) => {
      const anchor = element("a", className, text);
      anchor.setAttribute("href", root + href);
      return anchor;
    };
    entry("signin", link("account-signin-link", "account.html", t("account.signIn")), true);
    const user = link("account-user-link", "account.html");
    user.append(element("span", "visually-hidden", t("account.signedInAs") + " "), element("span", "account-user-name"));
    entry("user", user);
    const inbox = link("account-inbox-link", "notifications.html", t("account.inbox"));
    const count = element("span", "inbox-count");
    count.hidden = true;
    inbox.append(count);
    entry("inbox", inbox);
    entry("courses", link("", "my-courses.html", t("account.myCourses")));
    entry("dashboard", link("", "dashboard.html", t("account.myProgress")));
    entry("teaching", link("", "teaching.html", t("account.teaching")));
    entry("admin", link("", "admin.html", t("account.admin")));
    const signOut = element("button", "account-signout", t("account.signOut"));
    signOut.type = "button";
    entry("signout", signOut);
    nav.append(list);
    return nav;
  }

  /** Whether the page's string table has `key`. */
  function hasString(key) {
    return Object.prototype.hasOwnProperty.call(strings, key);
  }

  // What the feature scripts (quiz.js, search.js, catalog.js, and the server's scripts) and the root pages'
  // scripts (dashboard.js, admin.js) build on.
  global.Lectern = {
    t, tn, hasString, element, fillAccountNav, formatNumber, timeOf, chosenIds, shuffleInPlace, safely, pageInfo, enhancePage,
    progress: { load: loadProgress, save: saveProgress, markComplete, recordQuiz, setLast, forgetLocal: forgetLocalProgress },
    decorateSyllabus, syllabusItems, initCourseProgress, lessonAwaitsVideo: () => lessonAwaitsVideo,
    callHost, showQuizNotice, pagination: renderPagination,
    storage: { read: readStored, write: writeStored, remove: removeStored },
    apiRoot: API_ROOT, detectServer
  };
  loadStrings();
  safely(init);
})((typeof window !== "undefined" ? window : globalThis));
