/* Lectern course site behaviour: progress in localStorage, quizzes graded in the browser, course search
 * over prebuilt index shards, the catalog's filters and pages, and the collapsible outline.
 *
 * One plain script loaded with `defer`, no modules and no fetch: pages must also work when opened from disk
 * (file://). Every feature looks for its elements first and does nothing when they are missing, so a
 * template change or an older page never breaks the rest. Grading and tokenizing are pure functions,
 * exported for Node tests and for SCORM code through window.Lectern.
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

  /* ---------------------------------------------------------------- Progress */

  const STORAGE_PREFIX = "lectern:v1:progress:";
  // Used when localStorage throws (private mode, some file:// setups, quota): progress then lasts as long
  // as the page, which still lets a quiz count attempts.
  const memoryStore = new Map();

  function emptyProgress() {
    return { completed: {}, quizzes: {}, last: null };
  }

  /** Keeps only the fields we understand, so a hand-edited or older value cannot break the page. */
  function sanitizeProgress(value) {
    const progress = emptyProgress();
    if (!value || typeof value !== "object") return progress;
    if (value.completed && typeof value.completed === "object") {
      for (const [id, when] of Object.entries(value.completed)) {
        if (typeof when === "number") progress.completed[id] = when;
      }
    }
    if (value.quizzes && typeof value.quizzes === "object") {
      for (const [id, record] of Object.entries(value.quizzes)) {
        if (!record || typeof record !== "object") continue;
        progress.quizzes[id] = {
          best: Number(record.best) || 0,
          last: Number(record.last) || 0,
          attempts: Math.max(0, Math.floor(Number(record.attempts) || 0)),
          passed: record.passed === true
        };
      }
    }
    const last = value.last;
    if (last && typeof last === "object" && typeof last.href === "string") {
      progress.last = { itemId: String(last.itemId || ""), href: last.href, title: String(last.title || "") };
    }
    return progress;
  }

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

  /* ---------------------------------------------------------------- Grading (pure) */

  /** Trims, joins inner whitespace runs into one space, and folds case unless asked not to. NFC makes
   *  composed and decomposed accents equal, as Swift's String comparison does on the server side. */
  function normalizeShortAnswer(text, caseSensitive) {
    const collapsed = String(text).normalize("NFC").trim().replace(/\s+/g, " ");
    return caseSensitive ? collapsed : collapsed.toLocaleLowerCase();
  }

  /** Parses a learner's number, accepting a comma as the decimal separator; NaN when it is not a number. */
  function parseNumber(text) {
    const cleaned = String(text).trim().replace(/\u2212/g, "-").replace(",", ".");
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return NaN;
    return Number(cleaned);
  }

  /** The chosen ids of an answer as an array, whatever shape it came in. */
  function chosenIds(answer) {
    if (Array.isArray(answer)) return answer.filter((id) => typeof id === "string" && id !== "");
    return typeof answer === "string" && answer !== "" ? [answer] : [];
  }

  /** Whether one answer is correct under the rules shared with the server and SCORM. */
  function isCorrect(question, answer) {
    switch (question.type) {
      case "single":
      case "true_false": {
        const chosen = chosenIds(answer);
        return chosen.length === 1 && (question.correct || []).includes(chosen[0]);
      }
      case "multiple": {
        // All-or-nothing: the chosen set must equal the correct set.
        const chosen = new Set(chosenIds(answer));
        const correct = new Set(question.correct || []);
        if (chosen.size !== correct.size || chosen.size === 0) return false;
        for (const id of chosen) if (!correct.has(id)) return false;
        return true;
      }
      case "short": {
        if (typeof answer !== "string" || answer.trim() === "") return false;
        const given = normalizeShortAnswer(answer, question.caseSensitive);
        return (question.accepted || []).some((accepted) =>
          normalizeShortAnswer(accepted, question.caseSensitive) === given);
      }
      case "numeric": {
        if (typeof answer !== "string") return false;
        const given = parseNumber(answer);
        if (!Number.isFinite(given)) return false;
        return Math.abs(given - Number(question.value)) <= Number(question.tolerance || 0) + 1e-9;
      }
      default:
        return false;
    }
  }

  /**
   * Grades answers ({questionId: string | string[]}) against a quiz key.
   * Returns {score (percent, 1 decimal), earned, total, passed, questions: {id: {correct, earned, points}}}.
   * An unanswered question is wrong.
   */
  function gradeQuiz(key, answers) {
    const results = {};
    let earned = 0;
    let total = 0;
    for (const question of key.questions || []) {
      const points = Number(question.points) || 0;
      const correct = isCorrect(question, answers ? answers[question.id] : undefined);
      total += points;
      if (correct) earned += points;
      results[question.id] = { correct, earned: correct ? points : 0, points };
    }
    const score = total > 0 ? Math.round((earned / total) * 1000) / 10 : 0;
    return { score, earned, total, passed: score >= Number(key.passScore || 0), questions: results };
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
    const lessonsLeft = [...lessons].filter((id) => !progress.completed[id]).length;
    const quizzesLeft = [...quizzes].filter((id) => !(progress.quizzes[id] && progress.quizzes[id].passed)).length;
    const done = total - lessonsLeft - quizzesLeft;
    const percent = Math.round((done / total) * 100);

    const bar = section.querySelector("progress");
    if (bar) { bar.max = 100; bar.value = percent; bar.textContent = percent + "%"; }
    const summary = section.querySelector(".progress-summary");
    if (summary) summary.textContent = t("progress.summary", { done, total, percent });

    fillResume(section, info, progress, first);

    const status = section.querySelector(".progress-status");
    if (status) {
      const complete = info.completion === "lessons" ? lessonsLeft === 0
        : info.completion === "quizzes" ? quizzesLeft === 0
          : lessonsLeft === 0 && quizzesLeft === 0;
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
      link.textContent = progress.last.title || progress.last.href;
    } else if (first) {
      label.textContent = t("progress.start");
      link.href = first.getAttribute("href");
      link.textContent = first.textContent.trim();
    } else {
      return;
    }
    paragraph.hidden = false;
  }

  function remainingText(rule, lessonsLeft, quizzesLeft) {
    const parts = [];
    if (rule !== "quizzes" && lessonsLeft > 0) parts.push(t("progress.lessonsLeft", { count: lessonsLeft }));
    if (rule !== "lessons" && quizzesLeft > 0) parts.push(t("progress.quizzesLeft", { count: quizzesLeft }));
    return [t("progress.incomplete")].concat(parts).join(" ");
  }

  /* ---------------------------------------------------------------- Lesson pages */

  /** Viewing a lesson completes it and makes it the place to resume from. */
  function initLesson(info) {
    if (!info.courseId || !info.itemId) return null;
    markComplete(info.courseId, info.itemId);
    return rememberLast(info);
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

  /** Runs one quiz form: shuffles, times, grades, shows feedback and counts attempts. */
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
        attempts: form.querySelector(".quiz-attempts")
      };
      this.timerHandle = null;
      this.submitted = false;
      // Read before the first shuffle: the template writes choices in authored order.
      this.authoredChoices = this.readAuthoredChoices();
      this.attemptStartedAt = Date.now();
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
      this.form.addEventListener("submit", (event) => { event.preventDefault(); this.finish(false); });
      this.form.addEventListener("input", (event) => this.noteChange(event));
      this.form.addEventListener("change", (event) => this.noteChange(event));
      if (this.ui.start) this.ui.start.addEventListener("click", () => this.begin());
      this.ui.retry.addEventListener("click", () => this.reset());
      this.showAttempts();
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
      return this.maxAttempts !== null && this.record.attempts >= this.maxAttempts;
    }

    /** Shuffles if asked and shows the start button (timed) or the submit button. */
    prepare() {
      this.submitted = false;
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
      if (this.key.shuffleQuestions && this.list) {
        for (const item of shuffleInPlace(this.items)) this.list.append(item);
      }
      if (this.key.shuffleChoices) {
        for (const item of this.items) {
          // True and false keep their usual order: shuffling them only confuses.
          if (item.dataset.type === "true_false") continue;
          const choices = Array.from(item.querySelectorAll(".choice"));
          if (choices.length < 2) continue;
          const parent = choices[0].parentNode;
          for (const choice of shuffleInPlace(choices)) parent.append(choice);
        }
      }
      // Numbers in the legends follow the order on screen.
      this.items.forEach((item, index) => {
        const number = item.querySelector(".question-number");
        if (number) number.textContent = String(index + 1);
      });
    }

    /** Timed quizzes: show the questions and start the countdown. */
    begin() {
      this.attemptStartedAt = Date.now();
      if (this.list) this.list.hidden = false;
      if (this.ui.start) this.ui.start.hidden = true;
      if (this.ui.submit) this.ui.submit.hidden = false;
      this.startTimer();
      const firstInput = this.form.querySelector("li.question input");
      if (firstInput) firstInput.focus();
    }

    startTimer() {
      const seconds = this.timeLimitSeconds();
      if (!seconds || !this.ui.timer) return;
      // A deadline, not a counter: timers are throttled in background tabs.
      const deadline = Date.now() + seconds * 1000;
      const tick = () => {
        const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        this.ui.timer.textContent = t("quiz.timeLeft", { time: formatClock(left) });
        this.ui.timer.classList.toggle("is-urgent", left <= 60);
        if (left === 0) this.finish(true);
      };
      this.ui.timer.hidden = false;
      tick();
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

    finish(timeUp) {
      if (this.submitted) return;
      this.submitted = true;
      this.stopTimer();
      const answers = this.collectAnswers();
      const result = gradeQuiz(this.key, answers);
      this.showFeedback(answers, result);
      this.setInputsDisabled(true);
      recordQuiz(this.info.courseId, this.quizId, result.score, result.passed);
      safely(() => this.report(this.attemptDetail(answers, result, Date.now())));
      decorateSyllabus(loadProgress(this.info.courseId));
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

    /** When the learner last changed a question's inputs (for the interaction's latency). */
    noteChange(event) {
      const item = event.target && event.target.closest ? event.target.closest("li.question") : null;
      if (item && item.dataset.questionId) this.lastChange.set(item.dataset.questionId, Date.now());
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
        questions
      };
    }

    /** The key's authored choice order when the builder gives it, else the page's. */
    choiceOrder(question) {
      if (!CHOICE_TYPES.has(question.type)) return [];
      if (Array.isArray(question.choices)) return question.choices.slice();
      return (this.authoredChoices.get(question.id) || []).slice();
    }

    promptText(questionId) {
      const item = this.items.find((candidate) => candidate.dataset.questionId === questionId);
      const prompt = item ? item.querySelector(".prompt") : null;
      return prompt ? prompt.textContent.replace(/\s+/g, " ").trim() : "";
    }

    /** Tells listeners on this page, and the SCORM launch page when there is one. */
    report(detail) {
      if (typeof CustomEvent === "function") document.dispatchEvent(new CustomEvent("lectern:quiz", { detail }));
      callHost("recordQuiz", detail);
    }

    showFeedback(answers, result) {
      for (const item of this.items) {
        const id = item.dataset.questionId;
        const question = this.questions.get(id);
        const outcome = result.questions[id];
        const box = item.querySelector(".feedback");
        if (!question || !outcome) continue;
        item.classList.toggle("is-correct", outcome.correct);
        item.classList.toggle("is-incorrect", !outcome.correct);
        if (!box) continue;
        box.replaceChildren(this.feedbackContent(question, answers[id], outcome.correct));
        box.classList.toggle("is-correct", outcome.correct);
        box.classList.toggle("is-incorrect", !outcome.correct);
        box.hidden = false;
      }
    }

    /** Verdict, the feedback of each chosen choice, then the explanation; HTML parts come from the builder. */
    feedbackContent(question, answer, correct) {
      const fragment = document.createDocumentFragment();
      const verdict = element("p", "feedback-verdict");
      verdict.append(element("strong", "", correct ? t("quiz.correct") : t("quiz.incorrect")));
      const answered = Array.isArray(answer) ? answer.length > 0 : typeof answer === "string" && answer.trim() !== "";
      if (!answered) verdict.append(" " + t("quiz.unanswered"));
      fragment.append(verdict);
      const feedback = question.feedback || {};
      for (const id of chosenIds(answer)) {
        if (!Object.prototype.hasOwnProperty.call(feedback, id) || !feedback[id]) continue;
        const part = element("div", "feedback-choice");
        part.innerHTML = feedback[id];
        fragment.append(part);
      }
      if (question.explanation) {
        const part = element("div", "feedback-explanation");
        part.append(element("p", "feedback-heading", t("quiz.explanation")));
        const body = element("div");
        body.innerHTML = question.explanation;
        part.append(body);
        fragment.append(part);
      }
      return fragment;
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
    grade: gradeQuiz,
    gradeQuiz,
    tokenize,
    shardHex,
    normalizeShortAnswer,
    parseNumber,
    t
  };
  global.Lectern = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }
})(typeof window !== "undefined" ? window : globalThis);
