/* Lectern course site behaviour: progress in localStorage, quizzes graded in the browser, course search
 * over prebuilt index shards, the catalog's filters and pages, and the collapsible outline; and, when the
 * pages are served by `lectern serve`, accounts, progress kept on the server, quizzes graded there, and
 * course ratings and reviews (which administrators may remove). (The dashboards' charts are in dashboard.js
 * and the administration page's code in admin.js, which only those pages load.)
 *
 * One plain script loaded with `defer`, no modules, and no fetch outside the server part: pages must also
 * work when opened from disk (file://). Every feature looks for its elements first and does nothing when they
 * are missing, so a template change or an older page never breaks the rest. Grading rules live in grading.js and
 * the progress record in progress.js, both loaded before this script.
 *
 * Inside a SCORM package the pages run in the frame of a launch page (scorm.js), which owns the LMS
 * session: progress is then loaded from and saved to window.parent.LecternSCO (localStorage stays in sync
 * as a backup), every page tells it where the learner is, and every quiz submission is handed to it. */
(function (global) {
  "use strict";

  /* ---------------------------------------------------------------- UI strings */

  let strings = {};

  /** Reads the flat string table the builder puts in #lectern-strings. */
  function loadStrings() {
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

  /* ---------------------------------------------------------------- Grading */

  // grading.js, loaded first, holds the one set of grading rules (shared with the server's tests).
  const Grading = global.LecternGrading;
  const gradeQuiz = Grading.gradeQuiz;

  /** The chosen ids of an answer as an array, whatever shape it came in. */
  function chosenIds(answer) {
    if (Array.isArray(answer)) return answer.filter((id) => typeof id === "string" && id !== "");
    return typeof answer === "string" && answer !== "" ? [answer] : [];
  }

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

  /** Lowercased text without accents, for the catalog filter. */
  function fold(text) {
    return String(text).normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
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

  /** Hides list sections that came out empty (Mustache cannot test for an empty list); CSS :has() does
   *  the same in browsers that support it. */
  function hideEmptySections() {
    for (const section of document.querySelectorAll(".optional-section")) {
      if (!section.querySelector("li")) section.hidden = true;
    }
  }

  /* ---------------------------------------------------------------- Course home progress */

  /** Distinct lesson and quiz ids listed in the page's syllabus, with the first item's link. */
  function syllabusItems() {
    const lessons = new Set();
    const quizzes = new Set();
    let first = null;
    for (const item of document.querySelectorAll(".syllabus .syllabus-item[data-item-id]")) {
      (item.dataset.kind === "quiz" ? quizzes : lessons).add(item.dataset.itemId);
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

  /* ---------------------------------------------------------------- Quizzes */

  function initQuiz(info) {
    const form = document.getElementById("quiz-form");
    const keyElement = document.getElementById("quiz-key");
    // Without a key the quiz is graded elsewhere (or not at all): leave the page readable and static.
    if (!form || !keyElement) return;
    let key;
    try {
      key = JSON.parse(keyElement.textContent);
    } catch (error) {
      return;
    }
    new QuizController(form, key, info).start();
  }

  /** Keeps (or, with null, drops) a quiz's open attempt in the course's progress record. */
  function saveOpenAttempt(courseId, quizId, attempt) {
    const progress = loadProgress(courseId);
    if (attempt) progress.open[quizId] = attempt; else delete progress.open[quizId];
    saveProgress(courseId, progress);
  }

  /** Whether a quiz's show_answers lets a submission leaving `attemptsLeft` (null: unlimited) show right answers. */
  function revealsAnswers(showAnswers, attemptsLeft) {
    if (showAnswers === "always") return true;
    if (showAnswers === "after_last_attempt") return attemptsLeft === 0;
    return false;
  }

  /** Whether a question has been answered: a choice picked or something typed. */
  function isAnswered(answer) {
    return Array.isArray(answer) ? answer.length > 0 : typeof answer === "string" && answer.trim() !== "";
  }

  /**
   * Runs one quiz form: shuffles, times, grades, shows feedback and counts attempts. An attempt in
   * progress lives in the progress record (progress.open), so a reload, another page or a return to
   * the SCORM package resumes it with its order, answers and time left.
   */
  class QuizController {
    constructor(form, key, info) {
      this.form = form;
      this.key = key;
      this.info = info;
      this.quizId = form.dataset.quizId || key.quizId;
      this.list = form.querySelector(".questions");
      this.questions = new Map((key.questions || []).map((question) => [question.id, question]));
      this.ui = {
        timer: form.querySelector(".quiz-timer"),
        start: form.querySelector(".quiz-start"),
        submit: form.querySelector(".quiz-submit"),
        retry: form.querySelector(".quiz-retry") || this.makeRetryButton(),
        result: form.querySelector(".quiz-result"),
        attempts: form.querySelector(".quiz-attempts"),
        confirm: form.querySelector(".quiz-confirm")
      };
      this.timerHandle = null;
      this.submitted = false;
      // Read before the first shuffle: the template writes choices in authored order.
      this.authoredChoices = this.readAuthoredChoices();
      this.attemptStartedAt = Date.now();
      this.inProgress = false;
      this.lastChange = new Map();
    }

    get items() {
      return Array.from(this.form.querySelectorAll("li.question"));
    }

    get maxAttempts() {
      return Number(this.key.maxAttempts) > 0 ? Number(this.key.maxAttempts) : null;
    }

    get record() {
      return loadProgress(this.info.courseId).quizzes[this.quizId] || { best: 0, last: 0, attempts: 0, passed: false };
    }

    /** Attempts left (null: unlimited). */
    get attemptsLeft() {
      return this.maxAttempts === null ? null : Math.max(0, this.maxAttempts - this.record.attempts);
    }

    makeRetryButton() {
      const button = element("button", "quiz-retry", t("quiz.retry"));
      button.type = "button";
      button.hidden = true;
      const anchor = this.form.querySelector(".quiz-submit");
      if (anchor) anchor.after(button); else this.form.append(button);
      return button;
    }

    start() {
      this.nameInputs();
      this.form.addEventListener("submit", (event) => { event.preventDefault(); this.requestSubmit(); });
      // Enter in a typed answer would submit the whole quiz: a learner expects it to do nothing.
      this.form.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target && event.target.matches && event.target.matches("input[type=text], input:not([type])")) {
          event.preventDefault();
        }
      });
      this.form.addEventListener("input", (event) => this.noteChange(event));
      this.form.addEventListener("change", (event) => this.noteChange(event));
      if (this.ui.start) this.ui.start.addEventListener("click", () => this.begin());
      this.ui.retry.addEventListener("click", () => this.reset());
      if (this.ui.confirm) {
        const [yes, no] = [this.ui.confirm.querySelector(".quiz-confirm-submit"), this.ui.confirm.querySelector(".quiz-confirm-cancel")];
        if (yes) yes.addEventListener("click", () => { this.ui.confirm.hidden = true; this.finish(false); });
        if (no) no.addEventListener("click", () => this.keepAnswering());
      }
      this.showAttempts();
      const open = this.openAttempt();
      if (open) { this.resume(open); return; }
      if (this.isLockedOut()) { this.lockOut(); return; }
      this.prepare();
    }

    /** The template names choice inputs by question number; the contract's names are q-<question id>. */
    nameInputs() {
      for (const item of this.items) {
        for (const input of item.querySelectorAll("input")) input.name = "q-" + item.dataset.questionId;
      }
    }

    isLockedOut() {
      return this.attemptsLeft === 0;
    }

    /** The attempt in progress kept in the progress record, if any. */
    openAttempt() {
      return loadProgress(this.info.courseId).open[this.quizId] || null;
    }

    /** Shuffles if asked and shows the start button (timed) or the submit button. */
    prepare() {
      this.submitted = false;
      this.inProgress = false;
      this.attemptStartedAt = Date.now();
      this.lastChange = new Map();
      this.shuffle();
      if (this.timeLimitSeconds() > 0 && this.ui.start) {
        if (this.list) this.list.hidden = true;
        this.ui.start.hidden = false;
        if (this.ui.submit) this.ui.submit.hidden = true;
      } else if (this.ui.submit) {
        this.ui.submit.hidden = false;
      }
    }

    timeLimitSeconds() {
      return Math.max(0, Number(this.key.timeLimitMinutes) || 0) * 60;
    }

    shuffle() {
      if (this.key.shuffleQuestions) this.showOrder(shuffleInPlace(this.items.map((item) => item.dataset.questionId)), {});
      const choices = {};
      if (this.key.shuffleChoices) {
        for (const item of this.items) {
          // True and false keep their usual order: shuffling them only confuses.
          if (item.dataset.type === "true_false") continue;
          const ids = Array.from(item.querySelectorAll(".choice input"), (input) => input.value);
          if (ids.length >= 2) choices[item.dataset.questionId] = shuffleInPlace(ids);
        }
      }
      this.showOrder(null, choices);
    }

    /** Shows the questions in `order` (ids; null keeps them) and each question's choices in `choices`. */
    showOrder(order, choices) {
      if (Array.isArray(order) && this.list) {
        const items = new Map(this.items.map((item) => [item.dataset.questionId, item]));
        for (const id of order) if (items.has(id)) this.list.append(items.get(id));
      }
      for (const item of this.items) {
        const ids = choices[item.dataset.questionId];
        if (!Array.isArray(ids)) continue;
        const byId = new Map(Array.from(item.querySelectorAll(".choice"), (choice) => [choice.querySelector("input").value, choice]));
        for (const id of ids) if (byId.has(id)) byId.get(id).parentNode.append(byId.get(id));
      }
      // Numbers in the legends follow the order on screen.
      this.items.forEach((item, index) => {
        const number = item.querySelector(".question-number");
        if (number) number.textContent = String(index + 1);
      });
    }

    /** The order on screen, to keep with the attempt. */
    currentOrder() {
      const choices = {};
      for (const item of this.items) {
        const ids = Array.from(item.querySelectorAll(".choice input"), (input) => input.value);
        if (ids.length > 0) choices[item.dataset.questionId] = ids;
      }
      return { order: this.items.map((item) => item.dataset.questionId), choices };
    }

    /** Timed quizzes: show the questions and start the countdown. */
    begin() {
      this.attemptStartedAt = Date.now();
      this.openQuestions(this.attemptStartedAt + this.timeLimitSeconds() * 1000);
      this.keepOpen();
      const firstInput = this.form.querySelector("li.question input");
      if (firstInput) firstInput.focus();
    }

    /** Shows the questions and the submit button; counts down to `deadline` (ms) when timed. */
    openQuestions(deadline) {
      this.inProgress = true;
      if (this.list) this.list.hidden = false;
      if (this.ui.start) this.ui.start.hidden = true;
      if (this.ui.submit) this.ui.submit.hidden = false;
      if (this.timeLimitSeconds() > 0) this.startTimer(deadline);
    }

    /** Back to an attempt left open: its order, its answers and, when timed, the time it had left. */
    resume(open) {
      this.attemptStartedAt = open.startedAt;
      this.showOrder(open.order, open.choices);
      this.fillAnswers(open.answers);
      const deadline = open.startedAt + this.timeLimitSeconds() * 1000;
      this.openQuestions(deadline);
      if (this.timeLimitSeconds() > 0 && Date.now() >= deadline) this.finish(true);
    }

    /** Puts saved answers back in the inputs. */
    fillAnswers(answers) {
      for (const item of this.items) {
        const answer = (answers || {})[item.dataset.questionId];
        if (answer === undefined) continue;
        const ids = chosenIds(answer);
        for (const input of item.querySelectorAll(".choice input")) input.checked = ids.includes(input.value);
        const text = item.querySelector("input[type=text], input:not([type])");
        if (text && typeof answer === "string") text.value = answer;
      }
    }

    /** Keeps the attempt in progress in the record: started, ordered, answered so far. */
    keepOpen() {
      saveOpenAttempt(this.info.courseId, this.quizId,
        Object.assign({ startedAt: this.attemptStartedAt, answers: this.collectAnswers() }, this.currentOrder()));
    }

    startTimer(deadline) {
      if (!this.ui.timer) return;
      // A deadline, not a counter: timers are throttled in background tabs.
      const tick = () => {
        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        this.ui.timer.textContent = t("quiz.timeLeft", { time: formatClock(left) });
        this.ui.timer.classList.toggle("is-urgent", left <= 60);
        if (left === 0) this.finish(true);
      };
      this.ui.timer.hidden = false;
      tick();
      this.stopTimer();
      this.timerHandle = global.setInterval(tick, 250);
    }

    stopTimer() {
      if (this.timerHandle !== null) global.clearInterval(this.timerHandle);
      this.timerHandle = null;
    }

    /** The learner's answers, by question id: a string for one choice or typed text, an array for several. */
    collectAnswers() {
      const answers = {};
      for (const item of this.items) {
        const id = item.dataset.questionId;
        const type = item.dataset.type;
        if (type === "multiple") {
          answers[id] = Array.from(item.querySelectorAll("input[type=checkbox]:checked"), (input) => input.value);
        } else if (type === "short" || type === "numeric") {
          const input = item.querySelector("input[type=text], input:not([type])");
          if (input) answers[id] = input.value;
        } else {
          const checked = item.querySelector("input[type=radio]:checked");
          if (checked) answers[id] = checked.value;
        }
      }
      return answers;
    }

    /** Submitting with questions unanswered asks first, naming them; time running out does not ask. */
    requestSubmit() {
      if (this.submitted) return;
      const answers = this.collectAnswers();
      const unanswered = this.items.filter((item) => !isAnswered(answers[item.dataset.questionId]));
      if (unanswered.length === 0 || !this.ui.confirm) { this.finish(false); return; }
      const numbers = unanswered.map((item) => (item.querySelector(".question-number") || {}).textContent || "");
      const text = this.ui.confirm.querySelector(".quiz-confirm-text");
      if (text) text.textContent = tn("quiz.unansweredCount", unanswered.length, { questions: numbers.join(", ") });
      this.ui.confirm.hidden = false;
      const yes = this.ui.confirm.querySelector(".quiz-confirm-submit");
      if (yes) yes.focus();
    }

    keepAnswering() {
      this.ui.confirm.hidden = true;
      const answers = this.collectAnswers();
      const first = this.items.find((item) => !isAnswered(answers[item.dataset.questionId]));
      const input = first ? first.querySelector("input") : null;
      if (input) input.focus();
    }

    finish(timeUp) {
      if (this.submitted) return;
      this.submitted = true;
      this.inProgress = false;
      this.stopTimer();
      if (this.ui.confirm) this.ui.confirm.hidden = true;
      const answers = this.collectAnswers();
      const result = gradeQuiz(this.key, answers);
      this.setInputsDisabled(true);
      saveOpenAttempt(this.info.courseId, this.quizId, null);
      recordQuiz(this.info.courseId, this.quizId, result.score, result.passed);
      const reveal = revealsAnswers(this.key.showAnswers, this.attemptsLeft);
      this.showFeedback(answers, result, reveal);
      safely(() => this.report(this.attemptDetail(answers, result, Date.now())));
      decorateSyllabus(loadProgress(this.info.courseId));
      this.showGraded(result, timeUp);
    }

    /** After grading: the score first, then "Try again" (or why not); the timer goes away. */
    showGraded(result, timeUp) {
      if (this.ui.timer) this.ui.timer.hidden = true;
      this.showResult(result, timeUp);
      this.showAttempts();
      if (this.ui.submit) this.ui.submit.hidden = true;
      if (this.list) this.list.hidden = false;
      if (this.isLockedOut()) this.lockOut(); else this.ui.retry.hidden = false;
    }

    /** Choice ids of each question in the order the page was written in, before any shuffle. */
    readAuthoredChoices() {
      const order = new Map();
      for (const item of this.items) {
        order.set(item.dataset.questionId, Array.from(item.querySelectorAll(".choice input"), (input) => input.value));
      }
      return order;
    }

    /** When the learner last changed a question's inputs (for the interaction's latency); an untimed
     *  attempt opens with its first answer, and every change is kept with it. */
    noteChange(event) {
      const item = event.target && event.target.closest ? event.target.closest("li.question") : null;
      if (!item || !item.dataset.questionId || this.submitted) return;
      this.lastChange.set(item.dataset.questionId, Date.now());
      if (!this.inProgress) {
        this.inProgress = true;
        this.attemptStartedAt = Date.now();
      }
      this.answersChanged();
    }

    answersChanged() {
      this.keepOpen();
    }

    /** One submission, question by question in authored order, for the lectern:quiz event and SCORM. */
    attemptDetail(answers, result, submittedAt) {
      const questions = (this.key.questions || []).map((question) => {
        const outcome = result.questions[question.id] || { correct: false, earned: 0, points: Number(question.points) || 0 };
        const changed = this.lastChange.get(question.id);
        return {
          id: question.id,
          type: question.type,
          response: responseOf(question.type, answers[question.id]),
          correct: outcome.correct,
          points: outcome.points,
          earned: outcome.earned,
          latencyMs: changed ? Math.max(0, changed - this.attemptStartedAt) : 0,
          prompt: this.promptText(question.id),
          choices: this.choiceOrder(question),
          key: keyOf(question)
        };
      });
      return {
        quizId: this.quizId,
        score: result.score,
        passed: result.passed,
        earned: result.earned,
        total: result.total,
        passScore: Number(this.key.passScore) || 0,
        startedAt: this.attemptStartedAt,
        submittedAt,
        attempt: this.record.attempts,
        questions
      };
    }

    /** The key's authored choice order when the builder gives it, else the page's. */
    choiceOrder(question) {
      if (!CHOICE_TYPES.has(question.type)) return [];
      if (Array.isArray(question.choices)) return question.choices.slice();
      return (this.authoredChoices.get(question.id) || []).slice();
    }

    /** The prompt as plain text: the builder's (without the page's code block buttons and labels). */
    promptText(questionId) {
      const question = this.questions.get(questionId);
      if (question && typeof question.promptText === "string") return question.promptText;
      const item = this.items.find((candidate) => candidate.dataset.questionId === questionId);
      const prompt = item ? item.querySelector(".prompt") : null;
      return prompt ? prompt.textContent.replace(/\s+/g, " ").trim() : "";
    }

    /** Tells listeners on this page, and the SCORM launch page when there is one. */
    report(detail) {
      if (typeof CustomEvent === "function") document.dispatchEvent(new CustomEvent("lectern:quiz", { detail }));
      callHost("recordQuiz", detail);
    }

    /** Per question: right or wrong, the chosen choices' feedback, the explanation, and the right
     *  answer when allowed, from the key's HTML. */
    showFeedback(answers, result, reveal) {
      for (const item of this.items) {
        const question = this.questions.get(item.dataset.questionId);
        const outcome = result.questions[item.dataset.questionId];
        if (!question || !outcome) continue;
        const feedback = question.feedback || {};
        const chosen = chosenIds(answers[question.id]).filter((id) => feedback[id]).map((id) => feedback[id]);
        this.showQuestionFeedback(item, {
          correct: outcome.correct,
          answered: isAnswered(answers[question.id]),
          choiceHTML: chosen,
          explanationHTML: question.explanation || "",
          right: reveal && !outcome.correct ? rightAnswerOf(question) : null
        });
      }
    }

    /** Fills a question's feedback box: {correct, answered, choiceHTML: [html], explanationHTML, right}. */
    showQuestionFeedback(item, outcome) {
      item.classList.toggle("is-correct", outcome.correct);
      item.classList.toggle("is-incorrect", !outcome.correct);
      const box = item.querySelector(".feedback");
      if (!box) return;
      const fragment = document.createDocumentFragment();
      const verdict = element("p", "feedback-verdict");
      verdict.append(element("strong", "", outcome.correct ? t("quiz.correct") : t("quiz.incorrect")));
      if (!outcome.answered) verdict.append(" " + t("quiz.unanswered"));
      fragment.append(verdict);
      if (outcome.right) fragment.append(this.rightAnswerLine(item, outcome.right));
      for (const html of outcome.choiceHTML) {
        const part = element("div", "feedback-choice");
        part.innerHTML = html;   // the builder's HTML, from the course's Markdown
        fragment.append(part);
      }
      if (outcome.explanationHTML) {
        const part = element("div", "feedback-explanation");
        part.append(element("p", "feedback-heading", t("quiz.explanation")));
        const body = element("div");
        body.innerHTML = outcome.explanationHTML;
        part.append(body);
        fragment.append(part);
      }
      box.replaceChildren(fragment);
      box.classList.toggle("is-correct", outcome.correct);
      box.classList.toggle("is-incorrect", !outcome.correct);
      box.hidden = false;
    }

    /** "The right answer: …", with right choices marked in the list. */
    rightAnswerLine(item, right) {
      const line = element("p", "feedback-right-answer");
      let text = "";
      if (Array.isArray(right.choices)) {
        const labels = [];
        for (const id of right.choices) {
          const input = Array.from(item.querySelectorAll(".choice input")).find((candidate) => candidate.value === id);
          if (!input) continue;
          input.closest(".choice").classList.add("is-right-answer");
          const label = item.querySelector("label[for='" + input.id + "']");
          labels.push(label ? label.textContent.trim() : id);
        }
        text = labels.join("; ");
      } else if (typeof right.text === "string") {
        text = right.text;
      } else if (Number.isFinite(right.value)) {
        text = formatNumber(right.value) + (Number(right.tolerance) > 0 ? " ± " + formatNumber(right.tolerance) : "");
      }
      line.textContent = t("quiz.rightAnswer", { answer: text });
      return line;
    }

    showResult(result, timeUp) {
      const box = this.ui.result;
      if (!box) return;
      const lines = [];
      if (timeUp) lines.push(element("p", "quiz-time-up", t("quiz.timeUp")));
      lines.push(element("p", "quiz-score", t("quiz.score", {
        score: formatNumber(result.score), earned: formatNumber(result.earned), total: formatNumber(result.total)
      })));
      const passScore = formatNumber(Number(this.key.passScore) || 0);
      lines.push(element("p", "quiz-verdict", t(result.passed ? "quiz.passed" : "quiz.failed", { passScore })));
      box.replaceChildren(...lines);
      box.classList.toggle("is-passed", result.passed);
      box.classList.toggle("is-failed", !result.passed);
      box.hidden = false;
      box.focus();
    }

    /** Attempts so far, the best score, and how many attempts remain. */
    showAttempts() {
      const box = this.ui.attempts;
      if (!box) return;
      const record = this.record;
      const parts = [];
      if (record.attempts > 0) parts.push(t("quiz.best", { best: formatNumber(record.best) }));
      if (this.maxAttempts !== null) {
        parts.push(t("quiz.attemptsOfMax", { attempts: record.attempts, max: this.maxAttempts }));
      } else if (record.attempts > 0) {
        parts.push(t("quiz.attempts", { attempts: record.attempts }));
      }
      box.textContent = parts.join(" ");
      box.hidden = parts.length === 0;
    }

    /** No attempts left: answers can no longer be given, and the page says why. */
    lockOut() {
      this.stopTimer();
      this.setInputsDisabled(true);
      for (const button of [this.ui.start, this.ui.submit, this.ui.retry]) if (button) button.hidden = true;
      if (this.list) this.list.hidden = false;
      this.form.classList.add("is-locked");
      if (this.ui.attempts) {
        const notice = t("quiz.noAttemptsLeft", { max: this.maxAttempts });
        this.ui.attempts.textContent = [notice, this.ui.attempts.textContent].filter(Boolean).join(" ");
        this.ui.attempts.hidden = false;
      }
    }

    setInputsDisabled(disabled) {
      for (const fieldset of this.form.querySelectorAll("li.question fieldset")) fieldset.disabled = disabled;
    }

    /** "Try again": clear everything, reshuffle, and start over (with a fresh timer when timed). */
    reset() {
      this.form.reset();
      for (const item of this.items) {
        item.classList.remove("is-correct", "is-incorrect");
        for (const choice of item.querySelectorAll(".is-right-answer")) choice.classList.remove("is-right-answer");
        const box = item.querySelector(".feedback");
        if (box) { box.hidden = true; box.replaceChildren(); }
      }
      if (this.ui.result) { this.ui.result.hidden = true; this.ui.result.replaceChildren(); }
      if (this.ui.timer) this.ui.timer.hidden = true;
      this.ui.retry.hidden = true;
      this.setInputsDisabled(false);
      this.prepare();
      const target = this.ui.start && !this.ui.start.hidden ? this.ui.start : this.form.querySelector("li.question input");
      if (target) target.focus();
    }
  }

  /** The right answer of a key question, in the server's shape: {choices} | {text} | {value, tolerance}. */
  function rightAnswerOf(question) {
    if (CHOICE_TYPES.has(question.type)) return { choices: (question.correct || []).slice() };
    if (question.type === "short") return { text: (question.accepted || [])[0] || "" };
    return { value: Number(question.value), tolerance: Number(question.tolerance) || 0 };
  }

  const CHOICE_TYPES = new Set(["single", "multiple", "true_false"]);
  const KEY_FIELDS = ["correct", "accepted", "caseSensitive", "value", "tolerance"];

  /** An answer as the lectern:quiz detail reports it: the chosen ids for "multiple" ([] if none), else
   *  the chosen id or typed text ("" if none). */
  function responseOf(type, answer) {
    if (type === "multiple") return chosenIds(answer);
    if (Array.isArray(answer)) return answer.length > 0 ? String(answer[0]) : "";
    return typeof answer === "string" ? answer : "";
  }

  /** The grading part of a question's key, copied. */
  function keyOf(question) {
    const key = {};
    for (const field of KEY_FIELDS) {
      if (!Object.prototype.hasOwnProperty.call(question, field)) continue;
      const value = question[field];
      key[field] = Array.isArray(value) ? value.slice() : value;
    }
    return key;
  }

  /** Seconds as m:ss or mm:ss. */
  function formatClock(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return String(minutes).padStart(2, "0") + ":" + String(rest).padStart(2, "0");
  }

  /** A number in the page's language, with at most one decimal (scores are rounded to one). */
  function formatNumber(value) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }).format(value);
    } catch (error) {
      return String(Math.round(value * 10) / 10);
    }
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

  /* ---------------------------------------------------------------- Lectern server (lectern serve) */

  /* The same pages, served by `lectern serve`, keep progress in the learner's account and have the server
   * grade the quizzes whose answers they do not carry. Everything here starts from detectServer(): on
   * file://, inside a SCORM package, or on a web server without the API (/api/v1/health not answering
   * {"status": "ok"}) nothing below runs, and the pages behave exactly as without it. The API is always at
   * the server's root; the pages' own links stay relative. Local progress remains what the pages draw:
   * the server's progress is merged into it, and lessons completed in this browser are sent to the server. */

  const API_ROOT = "/api/v1";
  const AUTH_KEY = "lectern:v1:auth";                // localStorage: {access_token, refresh_token, user, expires_at (ms)}
  const SERVER_KEY = "lectern:v1:server";            // sessionStorage: true or false, the answer of /api/v1/health
  const ENROLLED_KEY = "lectern:v1:enrolled";        // localStorage: {user, all, courses: {slug: true|false}}
  const PASS_SCORES_KEY = "lectern:v1:pass-scores";  // sessionStorage: {"<slug>/<quiz id>": pass score}
  const NOTICE_KEY = "lectern:v1:account-notice";    // sessionStorage: "signedOut" for the account page to say
  const EXPIRY_MARGIN_MS = 30 * 1000;                // renew an access token this long before it expires
  const PUSH_CONCURRENCY = 4;

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

  /** An answer of the API that is not a success: its status (0 when the server did not answer) and the
   *  `detail` of its JSON body. `signedOut` is set when the learner's session has ended. */
  class ApiError extends Error {
    constructor(status, detail, signedOut, code) {
      super(detail);
      this.name = "ApiError";
      this.status = status;
      this.detail = detail;
      this.signedOut = Boolean(signedOut);
      // The server's stable name for problems a person can fix (`password_common`), or "".
      this.code = typeof code === "string" ? code : "";
    }
  }

  /** What the server refused, in the page's language when the refusal has a code we have words for
   *  (`account.problem.<code>`), else the server's own words. */
  function problemText(error) {
    const key = "account.problem." + error.code;
    if (error.code && Object.prototype.hasOwnProperty.call(strings, key)) return t(key);
    return error.detail || String(error);
  }

  /* ------------------------------------------ Tokens */

  /** The signed-in learner's tokens and account, or null. */
  function loadAuth() {
    const auth = readStored("localStorage", AUTH_KEY);
    if (!auth || typeof auth !== "object" || typeof auth.access_token !== "string" || typeof auth.refresh_token !== "string") {
      return null;
    }
    return {
      access_token: auth.access_token,
      refresh_token: auth.refresh_token,
      user: auth.user && typeof auth.user === "object" ? auth.user : {},
      expires_at: Number(auth.expires_at) || 0
    };
  }

  /** Stores a token pair from /auth/login or /auth/refresh (expires_in is in seconds). */
  function saveAuth(pair, previousUser) {
    const auth = {
      access_token: String(pair.access_token),
      refresh_token: String(pair.refresh_token),
      user: pair.user && typeof pair.user === "object" ? pair.user : previousUser || {},
      expires_at: Date.now() + (Number(pair.expires_in) || 900) * 1000
    };
    writeStored("localStorage", AUTH_KEY, auth);
    return auth;
  }

  function saveUser(user) {
    const auth = loadAuth();
    if (!auth || !user || typeof user !== "object") return;
    auth.user = user;
    writeStored("localStorage", AUTH_KEY, auth);
  }

  /** Forgets the account in this browser, and the progress kept here while signed in: on a shared kiosk
   *  the next learner must not start with it (it is in the account on the server). */
  function forgetAccount() {
    removeStored("localStorage", AUTH_KEY);
    removeStored("localStorage", ENROLLED_KEY);
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

  /** The session ended without the learner asking (refresh token expired, revoked or replayed). */
  function endSession() {
    forgetAccount();
    safely(renderAccountNav);
  }

  let renewing = null;

  /** A fresh access token after `staleToken` was refused or is about to expire. One renewal at a time per
   *  page, and across tabs where Web Locks exist: refresh tokens work once, and presenting a spent one
   *  again signs the learner out everywhere. */
  function renewAuth(staleToken) {
    if (!renewing) {
      const run = () => refreshTokens(staleToken);
      const locks = global.navigator && global.navigator.locks;
      const pending = locks && typeof locks.request === "function" ? locks.request("lectern:v1:auth-refresh", run) : run();
      renewing = pending.finally(() => { renewing = null; });
    }
    return renewing;
  }

  async function refreshTokens(staleToken) {
    const current = loadAuth();
    if (!current) throw new ApiError(401, t("account.sessionEnded"), true);
    // Another tab may have renewed the pair already: then its token is the one to use.
    if (current.access_token !== staleToken && current.expires_at - EXPIRY_MARGIN_MS > Date.now()) return current;
    const response = await send("POST", "/auth/refresh", { refresh_token: current.refresh_token }, null);
    if (response.ok) return saveAuth(await readAnswer(response), current.user);
    if (response.status >= 400 && response.status < 500) {
      endSession();
      throw new ApiError(response.status, t("account.sessionEnded"), true);
    }
    return readAnswer(response);
  }

  /* ------------------------------------------ Requests */

  async function send(method, path, body, token, accept) {
    const headers = { Accept: accept || "application/json" };
    if (body !== undefined && body !== null) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = "Bearer " + token;
    try {
      return await global.fetch(API_ROOT + path, {
        method,
        headers,
        body: body !== undefined && body !== null ? JSON.stringify(body) : undefined,
        credentials: "same-origin",
        cache: "no-store"
      });
    } catch (error) {
      throw new ApiError(0, t("server.network"));
    }
  }

  /** The JSON of an answer (null for 204 and empty bodies); an ApiError with its `detail` for 4xx and 5xx. */
  async function readAnswer(response) {
    let data = null;
    if (response.status !== 204) {
      let text = "";
      try {
        text = await response.text();
      } catch (error) {
        text = "";
      }
      if (text) {
        try {
          data = JSON.parse(text);
        } catch (error) {
          data = null;
        }
      }
    }
    if (!response.ok) {
      const detail = data && typeof data.detail === "string" ? data.detail : String(response.status + " " + (response.statusText || "")).trim();
      throw new ApiError(response.status, detail, false, data && data.code);
    }
    return data;
  }

  /**
   * Calls the API: `method`, a path under /api/v1 ("/enrollments"), an optional JSON body. Sends the
   * signed-in learner's access token, renewed first when about to expire and once more after a 401; with
   * `{auth: false}` sends none (public routes refuse a bad token). Resolves to the answer's JSON (null for
   * 204); rejects with an ApiError, whose `signedOut` is set when there is no session (any more).
   */
  async function apiRequest(method, path, body, options) {
    return readAnswer(await apiResponse(method, path, body, options));
  }

  /** apiRequest's token handling, resolving to the raw Response whatever its status: for answers that are
   *  files (CSV, PDF), read as blobs. `options.accept` replaces the JSON Accept header. */
  async function apiResponse(method, path, body, options) {
    const withToken = !(options && options.auth === false);
    const accept = options && options.accept;
    let auth = null;
    if (withToken) {
      auth = loadAuth();
      if (!auth) throw new ApiError(401, t("account.sessionEnded"), true);
      if (auth.expires_at - EXPIRY_MARGIN_MS <= Date.now()) auth = await renewAuth(auth.access_token);
    }
    let response = await send(method, path, body, auth ? auth.access_token : null, accept);
    if (response.status === 401 && auth) {
      auth = await renewAuth(auth.access_token);
      response = await send(method, path, body, auth.access_token, accept);
      if (response.status === 401) {
        endSession();
        throw new ApiError(401, t("account.sessionEnded"), true);
      }
    }
    return response;
  }

  function enc(value) {
    return encodeURIComponent(String(value));
  }

  /** Runs `task` over `items`, a few at a time. */
  async function inBatches(items, size, task) {
    for (let index = 0; index < items.length; index += size) {
      await Promise.all(items.slice(index, index + size).map(task));
    }
  }

  /* ------------------------------------------ Finding the server */

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

  /* ------------------------------------------ Where we are */

  /** The site root relative to this page: "" on pages at the root, courseRoot + "../" on course pages. */
  function siteRootHref(info) {
    return info.courseId ? (info.courseRoot || "") + "../" : "";
  }

  /** The course's slug, which the API names it by (its folder in the URL; the course id may differ). */
  function courseSlug(info) {
    try {
      const root = new URL(siteRootHref(info) || "./", global.location.href).pathname;
      const path = global.location.pathname;
      if (!path.startsWith(root)) return "";
      return decodeURIComponent(path.slice(root.length).split("/")[0] || "");
    } catch (error) {
      return "";
    }
  }

  /** A same-origin path to come back to from ?next=, or "" (never another site). */
  function returnPath() {
    let next = "";
    try {
      next = new URLSearchParams(global.location.search).get("next") || "";
    } catch (error) {
      return "";
    }
    return /^\/(?![/\\])/.test(next) && !/[\\\u0000-\u001f]/.test(next) ? next : "";
  }

  /** `href` (the account page) with ?next= this page, so signing in comes back here. */
  function withReturn(href) {
    const here = global.location.pathname + global.location.search + global.location.hash;
    return href.split("?")[0] + "?next=" + enc(here);
  }

  function displayName(user) {
    return String((user && (user.name || user.username || user.email)) || "");
  }

  /** Whether the account may see teaching analytics: instructors and administrators. */
  function isStaff(auth) {
    return Boolean(auth && auth.user && (auth.user.role === "instructor" || auth.user.role === "admin"));
  }

  /** Whether the account administers the server (admin.html, moderation of reviews). The server checks
   *  again on every request: this only decides what to offer. */
  function isAdmin(auth) {
    return Boolean(auth && auth.user && auth.user.role === "admin");
  }

  function roleName(role) {
    return role === "student" || role === "instructor" || role === "admin" ? t("role." + role) : String(role || "");
  }

  /* ------------------------------------------ Enrollments */

  /** Whether the signed-in learner is enrolled in `slug`: true, false, or undefined when not known. */
  function enrollmentState(slug) {
    const auth = loadAuth();
    const stored = readStored("localStorage", ENROLLED_KEY);
    if (!auth || !stored || stored.user !== auth.user.id || !stored.courses || typeof stored.courses !== "object") return undefined;
    if (Object.prototype.hasOwnProperty.call(stored.courses, slug)) return stored.courses[slug] === true;
    return stored.all === true ? false : undefined;
  }

  function noteEnrollment(slug, enrolled) {
    const auth = loadAuth();
    if (!auth) return;
    let stored = readStored("localStorage", ENROLLED_KEY);
    if (!stored || stored.user !== auth.user.id || !stored.courses || typeof stored.courses !== "object") {
      stored = { user: auth.user.id, all: false, courses: {} };
    }
    stored.courses[slug] = enrolled;
    writeStored("localStorage", ENROLLED_KEY, stored);
    // The course home's review form waits for this to know whether the learner may write one.
    if (typeof global.CustomEvent === "function") {
      document.dispatchEvent(new global.CustomEvent("lectern:enrollment", { detail: { course: slug, enrolled } }));
    }
  }

  /** Every course the learner is enrolled in (from /enrollments/my-courses): any other is not. */
  function setEnrollments(slugs) {
    const auth = loadAuth();
    if (!auth) return;
    const courses = {};
    for (const slug of slugs) courses[slug] = true;
    writeStored("localStorage", ENROLLED_KEY, { user: auth.user.id, all: true, courses });
  }

  /* ------------------------------------------ Progress in both directions */

  function progressPath(slug) {
    return "/progress/courses/" + enc(slug);
  }

  function completePath(slug, lessonId) {
    return "/progress/lessons/" + enc(lessonId) + "/complete?course=" + enc(slug);
  }

  /** The pass score of a quiz (from its public description), remembered for the tab; null if unknown. */
  async function quizPassScore(slug, quizId) {
    const cache = readStored("sessionStorage", PASS_SCORES_KEY) || {};
    const key = slug + "/" + quizId;
    if (typeof cache[key] === "number") return cache[key];
    try {
      const quiz = await apiRequest("GET", "/quizzes/" + enc(quizId) + "?course=" + enc(slug), null, { auth: false });
      const score = Number(quiz && quiz.pass_score);
      if (!Number.isFinite(score)) return null;
      cache[key] = score;
      writeStored("sessionStorage", PASS_SCORES_KEY, cache);
      return score;
    } catch (error) {
      return null;
    }
  }

  /** Merges the server's progress ({completed_lessons, quiz_scores, bookmark}) into the local progress of
   *  the course, saves it when it changed, and returns it. The server's bookmark becomes the place to
   *  resume from: it follows the learner across devices. */
  async function mergeServerProgress(courseId, slug, server) {
    const progress = loadProgress(courseId);
    const before = JSON.stringify(progress);
    const now = Date.now();
    for (const id of Array.isArray(server.completed_lessons) ? server.completed_lessons : []) {
      if (typeof id === "string" && !progress.completed[id]) progress.completed[id] = now;
    }
    const scores = server.quiz_scores && typeof server.quiz_scores === "object" ? server.quiz_scores : {};
    for (const [quizId, value] of Object.entries(scores)) {
      const best = Number(value) || 0;
      const record = progress.quizzes[quizId] || { best: 0, last: 0, attempts: 0, passed: false };
      let passed = record.passed;
      if (!passed) {
        const passScore = await quizPassScore(slug, quizId);
        passed = passScore !== null && best >= passScore;
      }
      progress.quizzes[quizId] = {
        best: Math.max(record.best, best),
        last: record.attempts > 0 ? record.last : best,
        attempts: Math.max(record.attempts, 1),
        passed
      };
    }
    if (typeof server.bookmark === "string" && server.bookmark && (!progress.last || progress.last.href !== server.bookmark)) {
      progress.last = { itemId: "", href: server.bookmark, title: "" };
    }
    if (JSON.stringify(progress) !== before) saveProgress(courseId, progress);
    return loadProgress(courseId);
  }

  /**
   * Brings this browser and the server together for one course the learner is enrolled in: sends the
   * lessons completed here that the server lacks (and the place to resume, if the server has none), then
   * merges the server's progress into the local one. `course` is {id, lessons: Set of lesson ids}.
   * Rejects with an ApiError (403 when not enrolled).
   */
  async function syncCourse(slug, course) {
    let server = await apiRequest("GET", progressPath(slug));
    noteEnrollment(slug, true);
    const local = loadProgress(course.id);
    const done = new Set(Array.isArray(server.completed_lessons) ? server.completed_lessons : []);
    const missing = Object.keys(local.completed).filter((id) => !done.has(id) && (!course.lessons || course.lessons.has(id)));
    let changed = false;
    await inBatches(missing, PUSH_CONCURRENCY, async (id) => {
      try {
        await apiRequest("POST", completePath(slug, id));
        changed = true;
      } catch (error) {
        // A lesson the course no longer has (404) stays local; a lost session stops everything.
        if (error.signedOut || error.status === 0) throw error;
      }
    });
    if (!server.bookmark && local.last && local.last.href) {
      try {
        await apiRequest("PUT", progressPath(slug) + "/bookmark", { href: local.last.href });
        changed = true;
      } catch (error) {
        if (error.signedOut || error.status === 0) throw error;
      }
    }
    if (changed) server = await apiRequest("GET", progressPath(slug));
    return mergeServerProgress(course.id, slug, server);
  }

  /** After signing in: every course the learner is enrolled in gets this browser's progress, and gives
   *  back the server's. */
  async function syncAllCourses() {
    const mine = await apiRequest("GET", "/enrollments/my-courses");
    const entries = Array.isArray(mine) ? mine : [];
    setEnrollments(entries.map((entry) => entry.course));
    for (const entry of entries) {
      try {
        const detail = await apiRequest("GET", "/courses/" + enc(entry.course), null, { auth: false });
        const lessons = new Set();
        for (const module of detail.modules || []) {
          for (const item of module.items || []) if (item.kind !== "quiz") lessons.add(item.id);
        }
        await syncCourse(entry.course, { id: detail.id || entry.course, lessons });
      } catch (error) {
        if (error.signedOut) throw error;
        if (global.console) global.console.warn("Lectern: could not sync", entry.course, error);
      }
    }
  }

  /* ------------------------------------------ Header */

  /** Shows "Sign in" (with the way back here), or the learner's name, their pages (Teaching for staff,
   *  Administration for admins) and "Sign out". */
  function renderAccountNav() {
    const nav = document.getElementById("lectern-account-nav");
    if (!nav) return;
    const auth = loadAuth();
    const show = (selector, visible) => {
      const part = nav.querySelector(selector);
      if (part) part.hidden = !visible;
    };
    show(".account-nav-signin", !auth);
    show(".account-nav-user", Boolean(auth));
    show(".account-nav-courses", Boolean(auth));
    show(".account-nav-dashboard", Boolean(auth));
    show(".account-nav-teaching", isStaff(auth));
    show(".account-nav-admin", isAdmin(auth));
    show(".account-nav-signout", Boolean(auth));
    const name = nav.querySelector(".account-user-name");
    if (name) name.textContent = auth ? displayName(auth.user) : "";
    const link = nav.querySelector(".account-signin-link");
    if (link && document.body.dataset.page !== "account") link.href = withReturn(link.getAttribute("href"));
    nav.hidden = false;
  }

  /** Signs out on the server (revoking the refresh token's family) and in this browser. */
  async function signOut() {
    const auth = loadAuth();
    if (auth) {
      try {
        await send("POST", "/auth/logout", { refresh_token: auth.refresh_token }, null);
      } catch (error) {
        // Signed out here all the same; the server's tokens expire on their own.
      }
    }
    forgetAccount();
  }

  function initAccountNav(info, onSignOut) {
    const nav = document.getElementById("lectern-account-nav");
    renderAccountNav();
    if (nav) {
      const button = nav.querySelector(".account-signout");
      if (button) {
        button.addEventListener("click", async () => {
          button.disabled = true;
          await signOut();
          button.disabled = false;
          if (onSignOut) { onSignOut(); return; }
          // To the account page rather than staying: a lesson page shown again would count as viewed by
          // whoever uses this browser next.
          writeStored("sessionStorage", NOTICE_KEY, "signedOut");
          global.location.assign(siteRootHref(info) + "account.html");
        });
      }
    }
    // Another tab signed in or out.
    global.addEventListener("storage", (event) => {
      if (event.key === AUTH_KEY || event.key === null) safely(renderAccountNav);
    });
  }

  /* ------------------------------------------ Course pages */

  /** The course home's account box: a sign-in link, the Enroll button, or the enrollment. */
  function courseAccountView(info, slug) {
    const section = document.querySelector(".course-progress");
    const box = section ? section.querySelector(".course-account") : null;
    if (!box) return null;
    const status = box.querySelector(".course-account-status");
    const signIn = box.querySelector(".course-signin");
    const enroll = box.querySelector(".course-enroll");
    const note = document.querySelector(".progress-storage-note");
    const show = (text, options) => {
      if (status) status.textContent = text;
      if (signIn) {
        signIn.hidden = !(options && options.signIn);
        signIn.href = withReturn(signIn.getAttribute("href"));
      }
      if (enroll) enroll.hidden = !(options && options.enroll);
      box.hidden = false;
      section.hidden = false;
    };
    const view = {
      signedOut: () => show(t("enroll.signInPrompt"), { signIn: true }),
      staff: (role) => show(t("enroll.staff", { role: roleName(role) })),
      notEnrolled: () => show(t("enroll.prompt"), { enroll: true }),
      enrolled: () => {
        show(t("enroll.enrolled"));
        if (note) note.textContent = t("completion.serverNote");
      },
      error: (error) => show(error.signedOut ? t("account.sessionEnded") : t("enroll.error", { detail: error.detail }),
        { signIn: error.signedOut, enroll: !error.signedOut })
    };
    if (enroll) {
      enroll.addEventListener("click", async () => {
        enroll.disabled = true;
        if (status) status.textContent = t("enroll.enrolling");
        try {
          try {
            await apiRequest("POST", "/enrollments", { course: slug });
          } catch (error) {
            if (error.status !== 409) throw error; // 409: enrolled already (another tab)
          }
          noteEnrollment(slug, true);
          const { lessons } = syllabusItems();
          const progress = await syncCourse(slug, { id: info.courseId, lessons });
          decorateSyllabus(progress);
          initCourseProgress(info, progress);
          view.enrolled();
        } catch (error) {
          view.error(error);
        } finally {
          enroll.disabled = false;
        }
        if (status) {
          status.setAttribute("tabindex", "-1");
          status.focus();
        }
      });
    }
    return view;
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

  /**
   * A course page on the server: lessons are sent as completed and pages as the place to resume, the
   * server's progress is merged into the local view, the course home offers to sign in or enroll, and a
   * quiz without an answer key is handed to the server to grade.
   */
  async function initServerCourse(info) {
    const slug = courseSlug(info);
    if (!slug) return;
    const home = info.page === "course" ? courseAccountView(info, slug) : null;
    const form = info.page === "quiz" ? document.getElementById("quiz-form") : null;
    const serverQuiz = form && !document.getElementById("quiz-key") ? form : null;
    const auth = loadAuth();
    const signInHref = withReturn(siteRootHref(info) + "account.html");
    const notSignedIn = () => {
      if (home) home.signedOut();
      if (serverQuiz) showQuizNotice(t("quiz.signInToTake"), { text: t("account.signIn"), href: signInHref });
    };
    if (!auth) { notSignedIn(); return; }
    if (auth.user.role && auth.user.role !== "student") {
      if (home) home.staff(auth.user.role);
      if (serverQuiz) showQuizNotice(t("quiz.staff", { role: roleName(auth.user.role) }));
      return;
    }
    const notEnrolled = () => {
      noteEnrollment(slug, false);
      if (home) home.notEnrolled();
      if (serverQuiz) {
        showQuizNotice(t("quiz.enrollToTake"), { text: t("quiz.enrollLink"), href: (info.courseRoot || "") + "index.html" });
      }
    };
    let enrolled = enrollmentState(slug);
    if (info.page === "lesson" && info.itemId && lessonAwaitsVideo) {
      // The video has not played far enough yet: the lesson is sent as complete once it has.
      document.addEventListener("lectern:lesson-complete", () => {
        apiRequest("POST", completePath(slug, info.itemId)).catch(() => {});
      }, { once: true });
    }
    try {
      if (info.page === "lesson" && info.itemId && enrolled !== false && !lessonAwaitsVideo) {
        try {
          await apiRequest("POST", completePath(slug, info.itemId));
          enrolled = true;
        } catch (error) {
          if (error.status !== 403) throw error;
          enrolled = false;
        }
        noteEnrollment(slug, enrolled);
      }
      if (enrolled === false && !home && !serverQuiz) return;
      if ((info.page === "lesson" || info.page === "quiz") && info.itemHref && enrolled !== false) {
        apiRequest("PUT", progressPath(slug) + "/bookmark", { href: info.itemHref }).catch(() => {});
      }
      let progress;
      if (home) {
        const { lessons } = syllabusItems();
        progress = await syncCourse(slug, { id: info.courseId, lessons });
      } else {
        const [server, quiz] = await Promise.all([
          apiRequest("GET", progressPath(slug)),
          serverQuiz ? apiRequest("GET", "/quizzes/" + enc(serverQuiz.dataset.quizId || info.itemId) + "?course=" + enc(slug), null, { auth: false }) : null
        ]);
        noteEnrollment(slug, true);
        progress = await mergeServerProgress(info.courseId, slug, server);
        if (serverQuiz && quiz) new ServerQuizController(serverQuiz, quiz, info, slug).start();
      }
      decorateSyllabus(progress);
      if (home) {
        initCourseProgress(info, progress);
        home.enrolled();
      }
    } catch (error) {
      if (error.status === 403) { notEnrolled(); return; }
      if (error.signedOut) { notSignedIn(); return; }
      if (home) home.error(error);
      if (serverQuiz) showQuizNotice(t("quiz.attemptError", { detail: error.detail || String(error) }));
      throw error;
    }
  }

  /* ------------------------------------------ Quizzes graded by the server */

  /** The server's quiz description as the little of a key the controller needs: no answers in it. */
  function serverQuizKey(quiz) {
    return {
      quizId: quiz.id,
      passScore: Number(quiz.pass_score) || 0,
      maxAttempts: Number(quiz.max_attempts) > 0 ? Number(quiz.max_attempts) : null,
      timeLimitMinutes: Number(quiz.time_limit_minutes) || 0,
      // The server shuffles, per attempt; the page shows the attempt's order.
      shuffleQuestions: false,
      shuffleChoices: false,
      showAnswers: quiz.show_answers,
      questions: (Array.isArray(quiz.questions) ? quiz.questions : []).map((question) => ({
        id: question.id, type: question.type, points: Number(question.points) || 0
      }))
    };
  }

  /** A saved answer as the inputs take it: booleans and numbers as the strings a learner would give. */
  function inputAnswer(value) {
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    return value;
  }

  /**
   * A quiz whose answers stay on the server. The server keeps the attempt: it starts with the first
   * answer, or with "Start" when the quiz is timed (the deadline runs from there, and the attempt's
   * shuffled order shows from the beginning); the answers are saved as they are given, and a reload,
   * another page or another kiosk resumes it. Submitting sends the answers and shows the server's
   * grade and feedback.
   */
  class ServerQuizController extends QuizController {
    constructor(form, quiz, info, slug) {
      super(form, serverQuizKey(quiz), info);
      this.quiz = quiz;
      this.slug = slug;
      this.attempt = null;
      this.starting = null;
      this.busy = false;
      this.left = null;
      this.allowed = null;
      this.saveTimer = null;
    }

    get attemptsLeft() {
      return this.left;
    }

    /** Timed quizzes start with a button; others with the first answer, in the authored order. */
    get needsStart() {
      return this.timeLimitSeconds() > 0;
    }

    start() {
      showQuizNotice("");
      super.start();
      this.loadAttempts();
    }

    /** The server keeps open attempts, not the browser. */
    openAttempt() {
      return null;
    }

    keepOpen() {}

    prepare() {
      this.attempt = null;
      if (this.ui.submit) this.ui.submit.disabled = false;
      super.prepare();
    }

    attemptsPath() {
      return "/quizzes/" + enc(this.quizId) + "/attempts?course=" + enc(this.slug);
    }

    /** Attempts left, and the open attempt to resume when there is one. */
    async loadAttempts() {
      try {
        const listing = await apiRequest("GET", this.attemptsPath());
        this.allowed = Number.isFinite(listing.allowed) ? listing.allowed : null;
        this.left = Number.isFinite(listing.left) ? listing.left : null;
        if (listing.open) this.resumeAttempt(listing.open);
        else if (this.isLockedOut()) this.lockOut();
        this.showAttempts();
      } catch (error) {
        this.failed(error, "quiz.attemptError");
      }
    }

    /** Shows an attempt the server holds open: its order, its saved answers and its deadline. */
    resumeAttempt(attempt) {
      this.attempt = attempt;
      this.attemptStartedAt = (Number(attempt.started_at) || 0) * 1000 || Date.now();
      this.showAttemptOrder(attempt);
      const answers = {};
      for (const entry of Array.isArray(attempt.answers) ? attempt.answers : []) answers[entry.question_id] = inputAnswer(entry.answer);
      this.fillAnswers(answers);
      this.openQuestions((Number(attempt.deadline) || 0) * 1000);
      if (this.timeLimitSeconds() > 0 && Number(attempt.deadline) * 1000 <= Date.now()) { this.finish(true); return; }
      this.say(t("quiz.resumed"));
    }

    showAttemptOrder(attempt) {
      if (this.needsStart) this.showOrder(attempt.question_order, attempt.choice_order || {});
    }

    /** Starts the attempt (the server hands back the open one instead, if any), once at a time. */
    startAttempt() {
      if (!this.starting) {
        this.starting = apiRequest("POST", this.attemptsPath()).finally(() => { this.starting = null; });
      }
      return this.starting;
    }

    /** "Start": the attempt (and so the server's deadline) starts with the button. */
    async begin() {
      if (this.busy) return;
      this.busy = true;
      if (this.ui.start) this.ui.start.disabled = true;
      this.say(t("quiz.starting"));
      let attempt;
      try {
        attempt = await this.startAttempt();
      } catch (error) {
        this.failed(error, "quiz.attemptError");
        return;
      } finally {
        this.busy = false;
        if (this.ui.start) this.ui.start.disabled = false;
      }
      if (attempt.resumed) { this.resumeAttempt(attempt); return; }
      this.say("");
      this.attempt = attempt;
      this.attemptStartedAt = Date.now();
      this.showAttemptOrder(attempt);
      this.openQuestions((Number(attempt.deadline) || 0) * 1000);
      const firstInput = this.form.querySelector("li.question input");
      if (firstInput) firstInput.focus();
    }

    /** An answer given: the attempt starts if it has not, and the answers are saved shortly after. */
    answersChanged() {
      if (this.saveTimer !== null) global.clearTimeout(this.saveTimer);
      this.saveTimer = global.setTimeout(() => {
        this.saveTimer = null;
        this.saveAnswers().catch((error) => { if (global.console) global.console.warn("Lectern: saving answers", error); });
      }, 600);
    }

    async saveAnswers() {
      if (this.submitted) return;
      if (!this.attempt) this.attempt = await this.startAttempt();
      if (this.submitted) return;
      await apiRequest("PUT", "/attempts/" + enc(this.attempt.id) + "/answers", { answers: this.serverAnswers(this.collectAnswers()) });
    }

    finish(timeUp) {
      if (this.submitted || this.busy) return;
      this.submitted = true;
      this.inProgress = false;
      this.busy = true;
      if (this.saveTimer !== null) { global.clearTimeout(this.saveTimer); this.saveTimer = null; }
      this.stopTimer();
      if (this.ui.confirm) this.ui.confirm.hidden = true;
      const answers = this.collectAnswers();
      this.setInputsDisabled(true);
      if (this.ui.submit) this.ui.submit.disabled = true;
      this.say(t("quiz.submitting"));
      this.grade(answers, timeUp).catch((error) => this.failed(error, "quiz.serverError")).finally(() => { this.busy = false; });
    }

    async grade(answers, timeUp) {
      if (!this.attempt) this.attempt = await this.startAttempt();
      const graded = await apiRequest("POST", "/attempts/" + enc(this.attempt.id) + "/submit", { answers: this.serverAnswers(answers) });
      this.attempt = null;
      this.left = Number.isFinite(graded.attempts_left) ? graded.attempts_left : null;
      const byId = new Map((Array.isArray(graded.results) ? graded.results : []).map((entry) => [entry.question_id, entry]));
      const questions = {};
      for (const question of this.key.questions) {
        const correct = (byId.get(question.id) || {}).correct === true;
        questions[question.id] = { correct, earned: correct ? question.points : 0, points: question.points };
      }
      const result = {
        score: Number(graded.score) || 0,
        earned: Number(graded.earned) || 0,
        total: Number(graded.total) || 0,
        passed: graded.passed === true,
        questions
      };
      if (this.ui.submit) this.ui.submit.disabled = false;
      for (const item of this.items) {
        const entry = byId.get(item.dataset.questionId);
        if (!entry) continue;
        this.showQuestionFeedback(item, {
          correct: entry.correct === true,
          answered: isAnswered(answers[item.dataset.questionId]),
          choiceHTML: Array.isArray(entry.choice_feedback) ? entry.choice_feedback : [],
          explanationHTML: typeof entry.explanation === "string" ? entry.explanation : "",
          right: entry.right_answer || null
        });
      }
      recordQuiz(this.info.courseId, this.quizId, result.score, result.passed);
      safely(() => this.report(this.attemptDetail(answers, result, Date.now())));
      decorateSyllabus(loadProgress(this.info.courseId));
      this.showGraded(result, timeUp);
    }

    /** The answers as the server takes them, left out when not given (which counts as wrong). */
    serverAnswers(answers) {
      const list = [];
      for (const item of this.items) {
        const id = item.dataset.questionId;
        const value = answers[id];
        let answer;
        if (item.dataset.type === "multiple") {
          if (chosenIds(value).length > 0) answer = chosenIds(value);
        } else if (typeof value === "string" && value.trim() !== "") {
          // Typed numbers go as typed: the server reads them by the same rules as the browser.
          answer = value;
        }
        if (answer !== undefined) list.push({ question_id: id, answer });
      }
      return list;
    }

    /** The best score (merged from the server) and the attempts left. */
    showAttempts() {
      const box = this.ui.attempts;
      if (!box) return;
      const record = this.record;
      const parts = [];
      if (record.attempts > 0) parts.push(t("quiz.best", { best: formatNumber(record.best) }));
      if (this.left !== null) parts.push(t("quiz.attemptsLeft", { left: this.left }));
      box.textContent = parts.join(" ");
      box.hidden = parts.length === 0;
    }

    lockOut() {
      super.lockOut();
      if (this.ui.attempts) this.ui.attempts.textContent = t("quiz.noAttemptsLeft", { max: this.allowed || this.maxAttempts || 0 });
    }

    /** A message in the result box, without a verdict. */
    say(text) {
      const box = this.ui.result;
      if (!box) return;
      box.classList.remove("is-passed", "is-failed");
      box.replaceChildren(...(text ? [element("p", "quiz-message", text)] : []));
      box.hidden = !text;
    }

    /** The server refused or did not answer. */
    failed(error, messageKey) {
      this.submitted = false;
      if (error && error.signedOut) {
        this.say("");
        this.hideActions();
        showQuizNotice(t("quiz.signInToTake"), { text: t("account.signIn"), href: withReturn(siteRootHref(this.info) + "account.html") });
        return;
      }
      const status = error && typeof error.status === "number" ? error.status : -1;
      const detail = error && error.detail ? error.detail : String(error);
      if (status === 403) {
        // No attempts left, or not enrolled (any more).
        this.hideActions();
        this.setInputsDisabled(true);
        this.form.classList.add("is-locked");
        const max = this.allowed || Number(this.quiz.max_attempts);
        this.say(/attempts/i.test(detail) && max > 0 ? t("quiz.noAttemptsLeft", { max }) : detail);
        if (!/attempts/i.test(detail)) noteEnrollment(this.slug, false);
        return;
      }
      if (status === 409) {
        // Past the deadline (the saved answers were graded) or submitted elsewhere: "Try again" starts another.
        this.attempt = null;
        this.submitted = true;
        this.stopTimer();
        if (this.ui.timer) this.ui.timer.hidden = true;
        this.say(/time limit/i.test(detail) ? t("quiz.deadlinePassed") : t(messageKey, { detail }));
        if (this.ui.submit) this.ui.submit.hidden = true;
        this.ui.retry.hidden = false;
        return;
      }
      // Not answered or a server fault: the answers are still there to send again.
      this.say(t(messageKey, { detail }));
      this.setInputsDisabled(false);
      if (this.ui.submit) this.ui.submit.disabled = false;
    }

    hideActions() {
      this.stopTimer();
      for (const button of [this.ui.start, this.ui.submit, this.ui.retry]) if (button) button.hidden = true;
    }
  }

  /* ------------------------------------------ The account page */

  /** account.html: sign in or register when signed out; who you are and "Sign out" when signed in. */
  function initAccountPage() {
    const forms = document.getElementById("lectern-account-forms");
    const panel = document.getElementById("lectern-account-signed-in");
    const status = document.getElementById("lectern-account-status");
    const signInForm = document.getElementById("lectern-signin-form");
    const registerForm = document.getElementById("lectern-register-form");
    const next = returnPath();
    const say = (text) => { if (status) status.textContent = text || ""; };

    const render = () => {
      const auth = loadAuth();
      if (forms) forms.hidden = Boolean(auth);
      if (panel) panel.hidden = !auth;
      if (auth && panel) {
        const fill = (selector, value) => {
          const target = panel.querySelector(selector);
          if (!target) return;
          target.textContent = value || "—";
        };
        fill(".account-detail-name", auth.user.name);
        fill(".account-detail-username", auth.user.username);
        fill(".account-detail-email", auth.user.email);
        fill(".account-detail-role", roleName(auth.user.role));
        const teaching = panel.querySelector(".account-teaching-link");
        if (teaching) teaching.hidden = !isStaff(auth);
        const admin = panel.querySelector(".account-admin-link");
        if (admin) admin.hidden = !isAdmin(auth);
        const back = panel.querySelector(".account-continue");
        if (back) {
          back.hidden = !next;
          if (next) back.href = next;
        }
      }
      renderAccountNav();
    };

    const signedIn = async (pair) => {
      saveAuth(pair);
      say(t("account.syncing"));
      try {
        await syncAllCourses();
      } catch (error) {
        if (global.console) global.console.warn("Lectern: could not sync progress", error);
      }
      if (!loadAuth()) { say(t("account.sessionEnded")); render(); return; }
      if (next) { global.location.assign(next); return; }
      render();
      say(t("account.signedIn", { name: displayName(loadAuth().user) }));
      const heading = panel ? panel.querySelector("h2") : null;
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    };

    const afterSignOut = () => {
      render();
      say(t("account.signedOut"));
      const login = signInForm ? signInForm.elements.namedItem("login") : null;
      if (login) login.focus();
    };

    if (signInForm) {
      signInForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const login = signInForm.elements.namedItem("login");
        const password = signInForm.elements.namedItem("password");
        const problems = [];
        if (!login.value.trim()) problems.push([login, t("account.errorRequired", { field: labelOf(login) })]);
        if (!password.value) problems.push([password, t("account.errorRequired", { field: labelOf(password) })]);
        if (!showFormErrors(signInForm, problems)) return;
        setFormBusy(signInForm, true);
        say(t("account.signingIn"));
        try {
          const pair = await apiRequest("POST", "/auth/login", { login: login.value.trim(), password: password.value }, { auth: false });
          password.value = "";
          await signedIn(pair);
        } catch (error) {
          say("");
          const message = error.status === 401 ? t("account.errorWrongLogin")
            : error.status === 403 ? t("account.errorRefused", { detail: error.detail }) : error.detail || String(error);
          showFormErrors(signInForm, [[error.status === 401 ? password : null, message]]);
        } finally {
          setFormBusy(signInForm, false);
        }
      });
    }

    if (registerForm) {
      registerForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const field = (name) => registerForm.elements.namedItem(name);
        const name = field("name");
        const email = field("email");
        const username = field("username");
        const password = field("password");
        const problems = [];
        const required = (input) => {
          if (input.value.trim()) return true;
          problems.push([input, t("account.errorRequired", { field: labelOf(input) })]);
          return false;
        };
        if (required(email) && !/^[^\s@]+@[^\s@]+$/.test(email.value.trim())) problems.push([email, t("account.errorEmail")]);
        if (required(username) && !/^[\p{L}\p{N}._-]{3,32}$/u.test(username.value.trim())) problems.push([username, t("account.errorUsername")]);
        if (password.value === "") {
          problems.push([password, t("account.errorRequired", { field: labelOf(password) })]);
        } else if (Array.from(password.value).length < 10) {
          problems.push([password, t("account.problem.password_too_short")]);
        } else if (/^\d+$/.test(password.value)) {
          problems.push([password, t("account.problem.password_only_digits")]);
        }
        if (!showFormErrors(registerForm, problems)) return;
        setFormBusy(registerForm, true);
        say(t("account.registering"));
        const body = { email: email.value.trim(), username: username.value.trim(), password: password.value };
        if (name.value.trim()) body.name = name.value.trim();
        try {
          await apiRequest("POST", "/auth/register", body, { auth: false });
          const pair = await apiRequest("POST", "/auth/login", { login: body.username, password: body.password }, { auth: false });
          password.value = "";
          await signedIn(pair);
        } catch (error) {
          say("");
          // The code's first word names the field to point at: email_taken, username_invalid, password_common.
          const field = error.code ? error.code.split("_")[0] : "";
          const target = { email, username, password }[field] || null;
          showFormErrors(registerForm, [[target, problemText(error)]]);
        } finally {
          setFormBusy(registerForm, false);
        }
      });
    }

    const signOutButton = panel ? panel.querySelector(".account-signout-button") : null;
    if (signOutButton) {
      signOutButton.addEventListener("click", async () => {
        signOutButton.disabled = true;
        await signOut();
        signOutButton.disabled = false;
        afterSignOut();
      });
    }

    const passwordForm = document.getElementById("lectern-password-form");
    if (passwordForm) {
      passwordForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const current = passwordForm.elements.namedItem("current");
        const fresh = passwordForm.elements.namedItem("new");
        const problems = [];
        if (!current.value) problems.push([current, t("account.errorRequired", { field: labelOf(current) })]);
        if (Array.from(fresh.value).length < 10) problems.push([fresh, t("account.problem.password_too_short")]);
        if (!showFormErrors(passwordForm, problems)) return;
        setFormBusy(passwordForm, true);
        say(t("account.changingPassword"));
        const login = loadAuth() ? loadAuth().user.username : "";
        try {
          await apiRequest("POST", "/users/me/password", { current_password: current.value, new_password: fresh.value });
          // The change signs the account out everywhere, this browser included: sign in again with the new one.
          const pair = await apiRequest("POST", "/auth/login", { login, password: fresh.value }, { auth: false });
          saveAuth(pair);
          current.value = "";
          fresh.value = "";
          passwordForm.closest("details").open = false;
          say(t("account.passwordChanged"));
        } catch (error) {
          say("");
          if (error.signedOut) { render(); say(t("account.sessionEnded")); return; }
          const target = error.code === "password_wrong" || error.status === 423 ? current : error.code ? fresh : null;
          showFormErrors(passwordForm, [[target, problemText(error)]]);
        } finally {
          setFormBusy(passwordForm, false);
        }
      });
    }

    render();
    if (readStored("sessionStorage", NOTICE_KEY) === "signedOut") {
      removeStored("sessionStorage", NOTICE_KEY);
      say(t("account.signedOut"));
    }
    // Signed in already: check the session and refresh the account's details.
    if (loadAuth()) {
      apiRequest("GET", "/users/me").then((user) => { saveUser(user); render(); }).catch((error) => {
        if (error.signedOut) { render(); say(t("account.sessionEnded")); }
      });
    }
    return afterSignOut;
  }

  /** The text of an input's label, for "Fill in …". */
  function labelOf(input) {
    const label = input.labels && input.labels[0];
    return label ? label.textContent.trim() : input.name;
  }

  /** Shows a form's problems ([[input or null, message]]) in its live region, marks the inputs invalid
   *  and focuses the first; clears them when there are none. Returns whether the form is fine. */
  function showFormErrors(form, problems) {
    const box = form.querySelector(".form-error");
    for (const input of form.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      if (input.dataset.describedBy !== undefined) {
        if (input.dataset.describedBy) input.setAttribute("aria-describedby", input.dataset.describedBy);
        else input.removeAttribute("aria-describedby");
        delete input.dataset.describedBy;
      }
    }
    if (box) box.textContent = problems.map(([, message]) => message).join(" ");
    if (problems.length === 0) return true;
    for (const [input] of problems) {
      if (!input || input.hasAttribute("aria-invalid")) continue;
      input.setAttribute("aria-invalid", "true");
      if (box && box.id) {
        const described = input.getAttribute("aria-describedby") || "";
        input.dataset.describedBy = described;
        input.setAttribute("aria-describedby", (described + " " + box.id).trim());
      }
    }
    const first = problems.find(([input]) => input);
    if (first) first[0].focus();
    return false;
  }

  function setFormBusy(form, busy) {
    form.setAttribute("aria-busy", busy ? "true" : "false");
    for (const button of form.querySelectorAll("button[type=submit]")) button.disabled = busy;
  }

  /* ------------------------------------------ My courses */

  /** my-courses.html: the courses the learner is enrolled in, with their progress. */
  async function initMyCoursesPage(info) {
    const list = document.getElementById("lectern-my-courses");
    const status = document.getElementById("lectern-my-courses-status");
    const signedOut = document.getElementById("lectern-my-courses-signed-out");
    const browse = document.getElementById("lectern-my-courses-browse");
    if (!list) return;
    const say = (text) => { if (status) status.textContent = text; };
    const askToSignIn = () => {
      say("");
      if (!signedOut) return;
      const link = signedOut.querySelector("a");
      if (link) link.href = withReturn(link.getAttribute("href"));
      signedOut.hidden = false;
    };
    if (!loadAuth()) { askToSignIn(); return; }
    say(t("myCourses.loading"));
    try {
      const mine = await apiRequest("GET", "/enrollments/my-courses");
      const entries = Array.isArray(mine) ? mine : [];
      setEnrollments(entries.map((entry) => entry.course));
      list.replaceChildren(...entries.map((entry) => myCourseItem(entry, siteRootHref(info))));
      say(entries.length === 0 ? t("myCourses.empty") : "");
      if (browse) browse.hidden = false;
    } catch (error) {
      if (error.signedOut) { askToSignIn(); return; }
      say(t("myCourses.error", { detail: error.detail || String(error) }));
    }
  }

  function myCourseItem(entry, root) {
    const title = String(entry.title || entry.course);
    const percent = Math.max(0, Math.min(100, Number(entry.percentage) || 0));
    const item = element("li", "my-course");
    const heading = element("h2", "my-course-title");
    const link = element("a", "", title);
    link.href = root + enc(entry.course) + "/index.html";
    heading.append(link);
    const bar = element("progress", "progress-bar");
    bar.max = 100;
    bar.value = percent;
    bar.textContent = formatNumber(percent) + "%";
    bar.setAttribute("aria-label", t("myCourses.progressLabel", { title }));
    item.append(heading, bar, element("p", "my-course-progress", t("myCourses.progress", { percent: formatNumber(percent) })));
    if (Number(entry.enrolled_at) > 0) {
      item.append(element("p", "my-course-enrolled", t("myCourses.enrolledOn", { date: formatDate(Number(entry.enrolled_at) * 1000) })));
    }
    // The instructor's grade and feedback, when there is one.
    if (typeof entry.grade === "string" && entry.grade) {
      item.append(element("p", "my-course-grade", t("myCourses.grade", { grade: entry.grade })));
      if (typeof entry.grade_feedback === "string" && entry.grade_feedback) {
        item.append(element("blockquote", "my-course-feedback", entry.grade_feedback));
      }
    }
    return item;
  }

  function formatDate(milliseconds) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(new Date(milliseconds));
    } catch (error) {
      return new Date(milliseconds).toISOString().slice(0, 10);
    }
  }

  /* ------------------------------------------ Ratings and reviews */

  /* Catalog cards and the course home show each course's average rating; the course home lists the reviews,
   * and lets an enrolled student write one, then change or delete it, and an administrator remove any. Their
   * placeholders start hidden in the templates, so a static site shows none of this. */

  const RATING_MAX = 5;
  const REVIEWS_SHOWN = 10;       // newest first; the rest behind "Show all"
  const COMMENT_MAX = 5000;       // the server's limit (characters)

  /** Five stars filled up to `value` (0–5; 4.5 fills four and a half): the filled row is clipped to its
   *  share of the width of the empty one. Hidden from screen readers: the caller says it in words. */
  function starsElement(value) {
    const stars = element("span", "rating-stars");
    stars.setAttribute("aria-hidden", "true");
    const share = (Math.max(0, Math.min(RATING_MAX, Number(value) || 0)) / RATING_MAX) * 100;
    const filled = element("span", "rating-stars-filled", "★".repeat(RATING_MAX));
    filled.style.width = share + "%";   // a share of the width either way; the Nu checker's CSS knows no inline-size
    stars.append(element("span", "rating-stars-empty", "☆".repeat(RATING_MAX)), filled);
    return stars;
  }

  /** Fills a rating placeholder: "★★★★☆ 4.5 · 2 reviews", read out as "Rated 4.5 out of 5 from 2 reviews";
   *  "No reviews yet" without any. With `href`, the text links there (the course home's review list). */
  function fillRating(target, count, average, href) {
    const reviews = Number(count) || 0;
    const value = Number(average);
    const holder = href ? element("a", "course-rating-link") : target;
    if (href) holder.href = href;
    target.replaceChildren();
    if (reviews === 0 || !Number.isFinite(value)) {
      holder.append(t("rating.none"));
    } else {
      const countText = tn("rating.reviews", reviews);
      const shown = element("span", "rating-text", t("rating.short", { average: formatNumber(value), reviews: countText }));
      shown.setAttribute("aria-hidden", "true");
      const spoken = element("span", "visually-hidden",
        t("rating.label", { average: formatNumber(value), max: formatNumber(RATING_MAX), reviews: countText }));
      holder.append(starsElement(value), " ", shown, spoken);
    }
    if (href) target.append(holder);
    target.hidden = false;
  }

  /** The catalog: each card's rating, from the course list (review_count, average_rating), a page at a time. */
  async function initCatalogRatings() {
    const targets = new Map();
    for (const target of document.querySelectorAll(".course-card[data-slug] .course-rating")) {
      targets.set(target.closest(".course-card").dataset.slug, target);
    }
    if (targets.size === 0) return;
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const answer = await apiRequest("GET", "/courses?page_size=100&page=" + page, null, { auth: false });
      for (const course of Array.isArray(answer.items) ? answer.items : []) {
        const target = targets.get(course.slug);
        if (target) fillRating(target, course.review_count, course.average_rating);
      }
      pages = Number(answer.pages) || 1;
    }
  }

  /** The course home's reviews: the list for everyone, the form for enrolled students. */
  async function initCourseReviews(info) {
    const section = document.getElementById("lectern-reviews");
    const slug = courseSlug(info);
    if (!section || !slug) return;
    const list = document.getElementById("lectern-review-list");
    const empty = document.getElementById("lectern-reviews-empty");
    const status = document.getElementById("lectern-reviews-status");
    const rating = document.getElementById("lectern-course-rating");
    const form = document.getElementById("lectern-review-form");
    const say = (text) => { if (status) status.textContent = text; };
    const state = { reviews: [], mine: null, canWrite: false, showAll: false };
    const isStudent = () => {
      const auth = loadAuth();
      return Boolean(auth && (!auth.user.role || auth.user.role === "student"));
    };

    const render = () => {
      const auth = loadAuth();
      state.mine = auth ? state.reviews.find((review) => review.user_id === auth.user.id) || null : null;
      // The learner's own review first, then the newest.
      const ordered = state.reviews.slice().reverse().sort((a, b) => (b === state.mine) - (a === state.mine));
      const shown = state.showAll ? ordered : ordered.slice(0, REVIEWS_SHOWN);
      const moderate = isAdmin(auth) ? removal : null;
      if (list) list.replaceChildren(...shown.map((review, index) => reviewItem(review, review === state.mine, moderate && moderate(review, index))));
      if (empty) empty.hidden = state.reviews.length > 0;
      let more = document.getElementById("lectern-reviews-more");
      if (ordered.length > shown.length) {
        if (!more) {
          more = element("button", "reviews-more");
          more.type = "button";
          more.id = "lectern-reviews-more";
          more.addEventListener("click", () => {
            state.showAll = true;
            render();
            const next = list && list.children[REVIEWS_SHOWN];
            if (next) { next.setAttribute("tabindex", "-1"); next.focus(); }
          });
          if (list) list.after(more);
        }
        more.textContent = tn("reviews.showAll", ordered.length);
      } else if (more) {
        more.remove();
      }
      if (form) reviewForm.show(state.canWrite, state.mine);
      section.hidden = false;
    };

    const load = async () => {
      const answer = await apiRequest("GET", "/reviews?course=" + enc(slug), null, { auth: false });
      state.reviews = Array.isArray(answer.items) ? answer.items : [];
      if (rating) fillRating(rating, answer.count, answer.average, "#lectern-reviews-heading");
      render();
    };

    const reviewForm = form ? reviewFormView(form, slug, say, load, () => state.mine) : null;

    // Administrators moderate: every review gets a Remove button that asks first. Afterwards the list and
    // the rating are fetched again, and focus goes to the review now in that place (or the heading).
    const removal = (review, index) => reviewRemoval(review, async () => {
      say(t("reviews.removing"));
      await apiRequest("DELETE", "/reviews/" + enc(review.id));
      await load();
      say(t("reviews.removed", { name: String(review.username || "") }));
      const next = list && list.children[index] ? list.children[index].querySelector(".review-remove") : null;
      const target = next || document.getElementById("lectern-reviews-heading");
      if (target) target.focus();
    }, say);

    // initServerCourse finds out whether the learner is enrolled (and enrolls them); the form follows.
    state.canWrite = isStudent() && enrollmentState(slug) === true;
    document.addEventListener("lectern:enrollment", (event) => {
      if (!event.detail || event.detail.course !== slug) return;
      state.canWrite = isStudent() && event.detail.enrolled === true;
      if (form) reviewForm.show(state.canWrite, state.mine);
    });
    try {
      await load();
    } catch (error) {
      say(t("reviews.loadError", { detail: error.detail || String(error) }));
      section.hidden = false;
    }
  }

  /** One review of the list; `extra` (an administrator's Remove controls) goes at its end. */
  function reviewItem(review, mine, extra) {
    const item = element("li", "review" + (mine ? " is-mine" : ""));
    const meta = element("p", "review-meta");
    const stars = element("span", "review-rating");
    stars.setAttribute("role", "img");
    stars.setAttribute("aria-label", t("reviews.stars", { rating: formatNumber(Number(review.rating) || 0), max: formatNumber(RATING_MAX) }));
    stars.append(starsElement(review.rating));
    meta.append(element("span", "review-author", String(review.username || "")), " ", stars);
    const created = Number(review.created_at) || 0;
    if (created > 0) {
      const date = element("time", "review-date", formatDate(created * 1000));
      date.dateTime = new Date(created * 1000).toISOString().slice(0, 10);
      meta.append(" ", date);
    }
    if (Number(review.updated_at) > created) meta.append(" ", element("span", "review-edited", t("reviews.edited")));
    if (mine) meta.append(" ", element("span", "review-yours", t("reviews.yours")));
    item.append(meta);
    if (review.comment) item.append(element("p", "review-comment", String(review.comment)));
    if (extra) item.append(extra);
    return item;
  }

  /** An administrator's Remove button for a review, and the confirmation it opens. `remove` deletes the review
   *  and refreshes the list; a refusal is said with `say`, and focus stays on the confirmation. */
  function reviewRemoval(review, remove, say) {
    const name = String(review.username || "");
    const box = element("div", "review-moderation");
    const button = element("button", "review-remove", t("reviews.remove"));
    button.type = "button";
    button.setAttribute("aria-label", t("reviews.removeOf", { name }));
    const confirm = element("p", "review-confirm");
    confirm.hidden = true;
    const yes = element("button", "review-remove-yes", t("reviews.confirmRemoveYes"));
    yes.type = "button";
    const no = element("button", "review-remove-no", t("reviews.confirmNo"));
    no.type = "button";
    confirm.append(t("reviews.confirmRemove", { name }), " ", yes, " ", no);
    button.addEventListener("click", () => {
      confirm.hidden = false;
      yes.focus();
    });
    no.addEventListener("click", () => {
      confirm.hidden = true;
      button.focus();
    });
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      try {
        await remove();
      } catch (error) {
        say(error.signedOut ? t("account.sessionEnded") : t("reviews.removeError", { detail: error.detail || String(error) }));
        yes.disabled = false;
        yes.focus();
      }
    });
    box.append(button, confirm);
    return box;
  }

  /** The form to write a review or change one's own, with its delete button and the confirmation that
   *  follows it. `reload` fetches the list again; `mine` returns the learner's review, or null. */
  function reviewFormView(form, slug, say, reload, mine) {
    const heading = form.querySelector(".review-form-heading");
    const submit = form.querySelector("button[type=submit]");
    const remove = form.querySelector(".review-delete");
    const confirm = form.querySelector(".review-confirm");
    const confirmYes = form.querySelector(".review-confirm-yes");
    const confirmNo = form.querySelector(".review-confirm-no");
    const comment = form.elements.namedItem("comment");
    const ratings = Array.from(form.querySelectorAll("input[name=rating]"));
    let shownFor;   // the review the fields were last filled from (undefined: never filled)

    const fill = (review) => {
      for (const input of ratings) input.checked = Boolean(review) && Number(input.value) === Number(review.rating);
      if (comment) comment.value = review ? String(review.comment || "") : "";
      if (heading) heading.textContent = t(review ? "reviews.editHeading" : "reviews.writeHeading");
      if (submit) submit.textContent = t(review ? "reviews.save" : "reviews.publish");
      if (remove) remove.hidden = !review;
      if (confirm) confirm.hidden = true;
      showFormErrors(form, []);
    };

    const errorText = (error) => {
      if (error.signedOut) return t("account.sessionEnded");
      if (error.status === 409) return t("reviews.errorDuplicate");
      if (error.status === 403) return t("reviews.errorForbidden", { detail: error.detail });
      if (error.status === 422) return t("reviews.errorInvalid", { detail: error.detail });
      return t("reviews.error", { detail: error.detail || String(error) });
    };

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = ratings.find((input) => input.checked);
      const problems = [];
      if (!chosen) problems.push([ratings[0] || null, t("reviews.errorRating")]);
      if (comment && Array.from(comment.value).length > COMMENT_MAX) {
        problems.push([comment, t("reviews.errorLong", { max: formatNumber(COMMENT_MAX) })]);
      }
      if (!showFormErrors(form, problems)) return;
      const body = { rating: Number(chosen.value), comment: comment ? comment.value.trim() : "" };
      const existing = mine();
      setFormBusy(form, true);
      say(t("reviews.saving"));
      try {
        if (existing) await apiRequest("PATCH", "/reviews/" + enc(existing.id), body);
        else await apiRequest("POST", "/reviews", Object.assign({ course: slug }, body));
        shownFor = undefined;
        await reload();
        say(t(existing ? "reviews.saved" : "reviews.published"));
      } catch (error) {
        say("");
        showFormErrors(form, [[null, errorText(error)]]);
        // Already reviewed (in another tab): show that review, ready to change, keeping the message.
        if (error.status === 409) {
          shownFor = undefined;
          reload().then(() => showFormErrors(form, [[null, errorText(error)]])).catch(() => {});
        }
      } finally {
        setFormBusy(form, false);
      }
    });

    if (remove && confirm) {
      remove.addEventListener("click", () => {
        confirm.hidden = false;
        if (confirmYes) confirmYes.focus();
      });
    }
    if (confirmNo) {
      confirmNo.addEventListener("click", () => {
        confirm.hidden = true;
        if (remove) remove.focus();
      });
    }
    if (confirmYes) {
      confirmYes.addEventListener("click", async () => {
        const existing = mine();
        if (!existing) return;
        confirmYes.disabled = true;
        say(t("reviews.deleting"));
        try {
          await apiRequest("DELETE", "/reviews/" + enc(existing.id));
          shownFor = undefined;
          await reload();
          say(t("reviews.deleted"));
          if (ratings[0]) ratings[0].focus();
        } catch (error) {
          say("");
          showFormErrors(form, [[null, errorText(error)]]);
        } finally {
          confirmYes.disabled = false;
        }
      });
    }

    return {
      /** Shows the form to a learner who may write (filled from their review), hides it otherwise. */
      show(canWrite, review) {
        form.hidden = !canWrite;
        // Refill only when the review changed, so a list refresh never wipes what is being typed.
        if (canWrite && shownFor !== review) {
          shownFor = review;
          fill(review);
        }
      }
    };
  }

  /* ------------------------------------------ Root pages of the server (dashboard.js, admin.js) */

  /**
   * A table in a scrollable region (keyboard users reach it with Tab). `rows` hold, per cell, text, a number
   * (written in the page's language, aligned to the end), {text, numeric: true}, or a DOM node. The first
   * cell of each row heads it.
   */
  function dataTable(caption, headers, rows) {
    const table = element("table", "data-table");
    table.append(element("caption", "", caption));
    const head = element("tr");
    for (const header of headers) {
      const cell = element("th", "", header);
      cell.scope = "col";
      head.append(cell);
    }
    const thead = element("thead");
    thead.append(head);
    const tbody = element("tbody");
    for (const row of rows) {
      const line = element("tr");
      row.forEach((value, index) => {
        const cell = element(index === 0 ? "th" : "td");
        if (index === 0) cell.scope = "row";
        if (typeof value === "number") {
          cell.textContent = formatNumber(value);
          cell.className = "is-number";
        } else if (value && typeof value === "object" && "numeric" in value) {
          cell.textContent = value.text;
          cell.className = "is-number";
        } else if (value && typeof value === "object" && value.nodeType) {
          cell.append(value);
        } else {
          cell.textContent = value === undefined || value === null || value === "" ? "—" : String(value);
        }
        line.append(cell);
      });
      tbody.append(line);
    }
    table.append(thead, tbody);
    const region = element("div", "table-scroll");
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", caption);
    region.append(table);
    return region;
  }

  /** The page's notices and live region, by the prefix of their ids. */
  function pageUI(prefix) {
    const status = document.getElementById(prefix + "-status");
    return {
      say: (text) => { if (status) status.textContent = text; },
      show: (suffix) => {
        const node = document.getElementById(prefix + "-" + suffix);
        if (!node) return;
        const link = node.querySelector(".dashboard-signin");
        if (link) link.href = withReturn(link.getAttribute("href"));
        node.hidden = false;
      }
    };
  }

  /* ------------------------------------------ Start */

  /** Finds the server and, when there is one, brings the page to life with it; without one, the pages that
   *  only work with it say so. */
  async function initServer(info) {
    const keylessQuiz = info.page === "quiz" && document.getElementById("quiz-form") && !document.getElementById("quiz-key");
    const available = await detectServer();
    if (!available) {
      for (const id of ["lectern-account-no-server", "lectern-my-courses-no-server"]) {
        const notice = document.getElementById(id);
        if (notice) notice.hidden = false;
      }
      if (keylessQuiz) showQuizNotice(t("quiz.needsServer"));
      return;
    }
    let afterSignOut = null;
    if (info.page === "account") afterSignOut = initAccountPage();
    initAccountNav(info, afterSignOut);
    const warn = (error) => { if (global.console) global.console.warn("Lectern:", error); };
    if (info.page === "catalog") initCatalogRatings().catch(warn);
    // Before initServerCourse, whose word on the enrollment the review form listens for.
    const reviews = info.page === "course" ? initCourseReviews(info).catch(warn) : null;
    if (info.page === "my-courses") await initMyCoursesPage(info);
    else if (info.courseId) await initServerCourse(info);
    await reviews;
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
    loadStrings();
    const info = pageInfo();
    safely(hideEmptySections);
    safely(initSidebar);
    safely(initPrinting);
    if (info.page === "lesson") safely(initLesson, info);
    if (info.page === "quiz") safely(rememberLast, info);
    if (info.courseId) safely(announcePage, info);
    if (scoHost()) safely(openExternalLinksOutside);
    if (info.courseId) {
      const progress = loadProgress(info.courseId);
      safely(decorateSyllabus, progress);
      if (info.page === "course") safely(initCourseProgress, info, progress);
    }
    if (info.page === "quiz") safely(initQuiz, info);
    if (info.page === "search") safely(initSearch, info);
    if (info.page === "catalog") safely(initCatalog);
    safely(() => initServer(info).catch((error) => {
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

  const api = {
    progress: { load: loadProgress, save: saveProgress, markComplete, recordQuiz, setLast },
    enhancePage,
    tokenize,
    shardHex,
    t,
    tn,
    // For the root pages' scripts (dashboard.js, admin.js): DOM, table, paging and number helpers, the
    // page's notices, and raw answers for file downloads.
    element,
    formatNumber,
    formatDate,
    dataTable,
    pageUI,
    pagination: renderPagination,
    roleName,
    server: {
      detect: detectServer, api: apiRequest, auth: loadAuth, signOut, ApiError,
      response: apiResponse, readAnswer, isStaff, isAdmin, withReturn, problemText
    }
  };
  global.Lectern = api;
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }
})(typeof window !== "undefined" ? window : globalThis);
