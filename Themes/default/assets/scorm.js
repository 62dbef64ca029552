/* Lectern SCO runtime: the script of a SCORM package's launch page (Templates/scorm-launch.mustache).
 *
 * The launch page owns the LMS session: it finds the LMS's API object, initializes once, shows the course
 * pages in #lectern-sco-frame, and terminates once when it goes away. The course pages (lectern.js) run
 * inside that frame and reach this runtime through window.parent.LecternSCO: they hand it their progress
 * and quiz results, and it turns them into SCORM data (suspend data, bookmark, status, score,
 * interactions), committing at most once per commitIntervalMs. Without an LMS the launch page simply
 * opens the course, which then keeps its progress in localStorage as a static site does.
 *
 * Works with SCORM 1.2 and SCORM 2004 4th edition, chosen by the package (config.edition). Nothing here
 * may break the page: every call into the LMS goes through LMS.invoke, which catches, checks the
 * "true"/"false" results and logs the LMS's own error with console.warn. The pure functions (formats,
 * suspend data, status) are exported for Node tests. ES2019, no dependencies. */
(function (global) {
  "use strict";

  const STORAGE_PREFIX = "lectern:v1:progress:";   // shared with lectern.js
  const SUSPEND_VERSION = "1";
  const MAX_PARENT_HOPS = 500;                       // the ADL discovery algorithm's limit

  /* ---------------------------------------------------------------- Small helpers (pure) */

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function pad(value, width) {
    return String(value).padStart(width, "0");
  }

  // progress.js, loaded first, defines the progress record and its checks, shared with the course pages.
  const Progress = global.LecternProgress || (typeof require === "function" ? require("./progress.js") : null);
  const finiteOr = Progress.finiteOr;

  /** At most `max` UTF-16 units, never cutting a surrogate pair in two (LMSs count either way). */
  function truncate(text, max) {
    const string = String(text);
    if (string.length <= max) return string;
    let end = max;
    const last = string.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    return string.slice(0, end);
  }

  /** A decimal as CMI expects it: no exponent, at most 7 decimals (SCORM 2004's real(10,7)). */
  function decimalString(value) {
    const number = Number(value);
    if (!Number.isFinite(number)) return "";
    const rounded = Math.round(number * 1e7) / 1e7;
    const plain = String(rounded);
    if (!/e/i.test(plain)) return plain === "-0" ? "0" : plain;
    return rounded.toFixed(7).replace(/\.?0+$/, "");
  }

  /** Parses a learner's number as the quiz did: decimal comma allowed; NaN when not a number. */
  function parseNumber(text) {
    const cleaned = String(text).trim().replace(/\u2212/g, "-").replace(",", ".");
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return NaN;
    return Number(cleaned);
  }

  /** Anything outside [A-Za-z0-9_.-] becomes "_", so ids are valid CMI identifiers in both editions. */
  function sanitizeIdentifier(text, max) {
    const clean = String(text).replace(/[^A-Za-z0-9_.-]/g, "_");
    return (clean === "" ? "_" : clean).slice(0, max);
  }

  function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  /* ---------------------------------------------------------------- Progress (pure) */

  const emptyProgress = Progress.empty;
  const cleanProgress = Progress.sanitize;

  /** Restored suspend data over local progress: completed lessons joined, best score and attempts the
   *  larger of the two, passed if either passed. Restored lessons have no view time, so they get `now`
   *  (lectern.js treats any positive time as "viewed"). */
  function mergeProgress(restored, local, now) {
    const merged = cleanProgress(local);
    if (!restored) return merged;
    for (const id of restored.completed) {
      if (!merged.completed[id]) merged.completed[id] = now;
    }
    for (const id of Object.keys(restored.quizzes)) {
      const saved = restored.quizzes[id];
      const mine = merged.quizzes[id];
      merged.quizzes[id] = mine ? {
        best: Math.max(mine.best, saved.best),
        last: mine.last,
        attempts: Math.max(mine.attempts, saved.attempts),
        passed: mine.passed || saved.passed
      } : { best: saved.best, last: saved.best, attempts: saved.attempts, passed: saved.passed };
    }
    return merged;
  }

  /* ---------------------------------------------------------------- Scope (pure) */

  /** The lessons and quizzes of this SCO and the rules that judge them, from the package's config. */
  function scopeFromConfig(config) {
    const width = Math.max(1, Math.floor(finiteOr(config.codeWidth, 4)));
    const items = (list) => (Array.isArray(list) ? list : []).filter((item) =>
      item && typeof item.id === "string" && typeof item.code === "string" && item.code.length === width);
    return {
      lessons: items(config.lessons),
      quizzes: items(config.quizzes),
      codeWidth: width,
      completion: ["lessons", "quizzes", "all"].indexOf(config.completion) >= 0 ? config.completion : "all",
      masteryScore: clamp(finiteOr(config.masteryScore, 0), 0, 100)
    };
  }

  function findItem(scope, itemId, href) {
    const all = scope.lessons.concat(scope.quizzes);
    return all.find((item) => itemId && item.id === itemId) || all.find((item) => href && item.href === href) || null;
  }

  /* ---------------------------------------------------------------- Suspend data v1 (pure) */

  // 1|<lesson codes>|<quiz entries>
  //   lesson codes: the codes of the completed lessons in scope, codeWidth characters each, in scope order
  //   quiz entry:   code (codeWidth) + best score 0–100 (2 base36 chars) + attempts 0–35 (1 base36 char)
  //                 + passed ("1" or "0"), for every quiz in scope with at least one attempt
  // Codes are stable per course, so a republished course keeps what the learner did; unknown codes are
  // skipped on reading, and fields after the third are ignored (room to grow without a new version).

  function quizEntry(code, record) {
    const best = clamp(Math.round(finiteOr(record.best, 0)), 0, 100);
    const attempts = clamp(Math.floor(finiteOr(record.attempts, 0)), 0, 35);
    return code + pad(best.toString(36), 2) + attempts.toString(36) + (record.passed ? "1" : "0");
  }

  /** Progress → suspend data of at most `limit` characters. Should it ever be too long, the lessons
   *  viewed longest ago go first, then the first quizzes (the builder makes sure it never is). */
  function encodeSuspendData(progress, scope, limit) {
    const lessons = scope.lessons.filter((lesson) => progress.completed[lesson.id])
      .map((lesson, index) => ({ code: lesson.code, when: progress.completed[lesson.id], index }));
    const quizzes = scope.quizzes.filter((quiz) => {
      const record = progress.quizzes[quiz.id];
      return record && record.attempts > 0;
    }).map((quiz) => quizEntry(quiz.code, progress.quizzes[quiz.id]));
    const width = scope.codeWidth;
    const lengthOf = () => 3 + lessons.length * width + quizzes.length * (width + 4);
    if (lengthOf() > limit) {
      const dropped = new Set(lessons.slice().sort((a, b) => a.when - b.when || a.index - b.index)
        .slice(0, Math.ceil((lengthOf() - limit) / width)).map((lesson) => lesson.index));
      lessons.splice(0, lessons.length, ...lessons.filter((lesson) => !dropped.has(lesson.index)));
    }
    while (lengthOf() > limit && quizzes.length > 0) quizzes.shift();
    if (lengthOf() > limit) return "";
    return SUSPEND_VERSION + "|" + lessons.map((lesson) => lesson.code).join("") + "|" + quizzes.join("");
  }

  function base36(text) {
    return /^[0-9a-z]+$/.test(text) ? parseInt(text, 36) : NaN;
  }

  /** Suspend data → {completed: [lesson id], quizzes: {quiz id: {best, attempts, passed}}}, or null when
   *  it is empty or of another version (the learner then starts from local progress alone). */
  function decodeSuspendData(text, scope) {
    if (typeof text !== "string" || text === "") return null;
    const fields = text.split("|");
    if (fields.length < 3 || fields[0] !== SUSPEND_VERSION) return null;
    const width = scope.codeWidth;
    const lessons = new Map(scope.lessons.map((lesson) => [lesson.code, lesson.id]));
    const quizzes = new Map(scope.quizzes.map((quiz) => [quiz.code, quiz.id]));
    const restored = { completed: [], quizzes: {} };
    for (let at = 0; at + width <= fields[1].length; at += width) {
      const id = lessons.get(fields[1].slice(at, at + width));
      if (id && restored.completed.indexOf(id) < 0) restored.completed.push(id);
    }
    for (let at = 0; at + width + 4 <= fields[2].length; at += width + 4) {
      const entry = fields[2].slice(at, at + width + 4);
      const id = quizzes.get(entry.slice(0, width));
      const best = base36(entry.slice(width, width + 2));
      const attempts = base36(entry.charAt(width + 2));
      const flag = entry.charAt(width + 3);
      if (!id || !Number.isFinite(best) || !Number.isFinite(attempts) || (flag !== "0" && flag !== "1")) continue;
      restored.quizzes[id] = { best: Math.min(100, best), attempts, passed: flag === "1" };
    }
    return restored;
  }

  /* ---------------------------------------------------------------- Status and score (pure) */

  /**
   * Judges the SCO's scope under the course's completion rule and mastery score.
   * - raw: the average of the best scores of the quizzes in scope, unattempted ones counting 0; null
   *   until one is attempted (no score is reported before).
   * - SCORM 1.2 lessonStatus: "failed" once every quiz in scope is attempted and raw < mastery; "passed"
   *   when the rule is met, the scope has quizzes and raw ≥ mastery; "completed" when the rule is met
   *   and the scope has no quizzes; "incomplete" otherwise.
   * - SCORM 2004: completion follows the rule alone; success is "passed" when raw ≥ mastery, "failed"
   *   when every quiz is attempted and raw < mastery, "unknown" otherwise; progressMeasure is the share
   *   of the items the rule counts that are done (rounded down, so 1 means complete).
   */
  function computeStatus(progress, scope) {
    const lessonsDone = scope.lessons.filter((lesson) => progress.completed[lesson.id]).length;
    const records = scope.quizzes.map((quiz) => progress.quizzes[quiz.id]).filter((record) => record && record.attempts > 0);
    const quizzesPassed = records.filter((record) => record.passed).length;
    const lessonsMet = lessonsDone === scope.lessons.length;
    const quizzesMet = quizzesPassed === scope.quizzes.length;
    const ruleMet = scope.completion === "lessons" ? lessonsMet
      : scope.completion === "quizzes" ? quizzesMet : lessonsMet && quizzesMet;
    const hasQuizzes = scope.quizzes.length > 0;
    const raw = records.length > 0
      ? Math.round(records.reduce((sum, record) => sum + clamp(record.best, 0, 100), 0) / scope.quizzes.length * 100) / 100
      : null;
    const masteryMet = hasQuizzes && raw !== null && raw >= scope.masteryScore;
    const failed = hasQuizzes && records.length === scope.quizzes.length && raw < scope.masteryScore;

    const counted = (scope.completion === "quizzes" ? 0 : scope.lessons.length) + (scope.completion === "lessons" ? 0 : scope.quizzes.length);
    const done = (scope.completion === "quizzes" ? 0 : lessonsDone) + (scope.completion === "lessons" ? 0 : quizzesPassed);
    return {
      ruleMet,
      raw,
      lessonStatus: failed ? "failed" : ruleMet && masteryMet ? "passed" : ruleMet && !hasQuizzes ? "completed" : "incomplete",
      completionStatus: ruleMet ? "completed" : "incomplete",
      successStatus: masteryMet ? "passed" : failed ? "failed" : "unknown",
      progressMeasure: counted === 0 ? 1 : Math.floor(done / counted * 100) / 100,
      lessonsDone,
      quizzesAttempted: records.length,
      quizzesPassed
    };
  }

  /** Whether writing status `next` would take back what the LMS recorded in an earlier session (progress
   *  lost with the browser's storage, or a republished course with more lessons): a pass stays a pass,
   *  a completion stays a completion. */
  function wouldUndo(recorded, next) {
    return recorded === "passed" ? next !== "passed" : recorded === "completed" && next === "incomplete";
  }

  /* ---------------------------------------------------------------- Time formats (pure) */

  /** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (hours capped at 9999). */
  function formatTimespan12(ms) {
    const centis = Math.min(Math.max(0, Math.round(finiteOr(ms, 0) / 10)), 9999 * 360000 + 359999);
    const hours = Math.floor(centis / 360000);
    const minutes = Math.floor(centis / 6000) % 60;
    const seconds = Math.floor(centis / 100) % 60;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(centis % 100, 2);
  }

  /** SCORM 2004 timeinterval, an ISO 8601 duration to the hundredth of a second: PT1H2M3.45S, PT0S. */
  function formatDuration2004(ms) {
    const centis = Math.max(0, Math.round(finiteOr(ms, 0) / 10));
    const hours = Math.floor(centis / 360000);
    const minutes = Math.floor(centis / 6000) % 60;
    const seconds = (centis % 6000) / 100;
    let text = "PT";
    if (hours) text += hours + "H";
    if (minutes) text += minutes + "M";
    if (seconds || (!hours && !minutes)) text += decimalString(seconds) + "S";
    return text;
  }

  /** SCORM 1.2 CMITime: the local time of day, HH:MM:SS. */
  function formatTime12(ms) {
    const date = new Date(ms);
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /** SCORM 2004 time(second,10,0): local date and time, YYYY-MM-DDThh:mm:ss. */
  function formatTimestamp2004(ms) {
    const date = new Date(ms);
    return pad(date.getFullYear(), 4) + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) +
      "T" + formatTime12(ms);
  }

  /* ---------------------------------------------------------------- Interactions (pure) */

  const INTERACTION_TYPES = { single: "choice", multiple: "choice", true_false: "true-false", short: "fill-in", numeric: "numeric" };

  /** A SCORM 1.2 choice is one character: a–z by the choice's authored position (so shuffling never
   *  changes it), then 0–9; null past 36 choices or for an unknown id. */
  function choiceLetter(choices, id) {
    const index = choices.indexOf(id);
    if (index < 0 || index >= 36) return null;
    return index < 26 ? String.fromCharCode(97 + index) : String(index - 26);
  }

  function idsOf(value) {
    if (Array.isArray(value)) return value.filter((id) => typeof id === "string" && id !== "");
    return typeof value === "string" && value !== "" ? [value] : [];
  }

  /** Ids in authored order (a learner's ticks come in screen order, which may be shuffled). */
  function inAuthoredOrder(ids, choices) {
    const position = (id) => (choices.indexOf(id) < 0 ? choices.length : choices.indexOf(id));
    return ids.slice().sort((a, b) => position(a) - position(b));
  }

  function letters(ids, choices) {
    return inAuthoredOrder(ids, choices).map((id) => choiceLetter(choices, id)).filter(Boolean).join(",");
  }

  function shortText(value) {
    return typeof value === "string" ? value.trim().replace(/\s+/g, " ") : "";
  }

  function numberText(value) {
    const number = parseNumber(typeof value === "string" ? value : "");
    return Number.isFinite(number) ? decimalString(number) : "";
  }

  /** student_response (1.2) or learner_response (2004); "" when there is nothing valid to report. */
  function formatResponse(edition, question) {
    const choices = Array.isArray(question.choices) ? question.choices : [];
    const response = question.response;
    switch (question.type) {
      case "single":
      case "multiple":
        return edition === "1.2" ? letters(idsOf(response), choices)
          : inAuthoredOrder(idsOf(response), choices).map((id) => sanitizeIdentifier(id, 250)).join("[,]");
      case "true_false":
        return trueFalse(edition, idsOf(response)[0]);
      case "short":
        return truncate(shortText(response), edition === "1.2" ? 255 : 250);
      case "numeric":
        return numberText(response);
      default:
        return "";
    }
  }

  function trueFalse(edition, id) {
    if (id !== "true" && id !== "false") return "";
    return edition === "1.2" ? id.charAt(0) : id;
  }

  /** correct_responses.0.pattern: the (first) correct answer in the edition's response format. */
  function formatPattern(edition, question) {
    const key = question.key || {};
    const choices = Array.isArray(question.choices) ? question.choices : [];
    const correct = idsOf(key.correct);
    switch (question.type) {
      case "single":
        return formatResponse(edition, { type: "single", choices, response: correct.slice(0, 1) });
      case "multiple":
        return formatResponse(edition, { type: "multiple", choices, response: correct });
      case "true_false":
        return trueFalse(edition, correct[0]);
      case "short": {
        const first = idsOf(key.accepted)[0] || "";
        if (edition === "1.2") return truncate(first, 255);
        return "{case_matters=" + (key.caseSensitive === true) + "}" + truncate(first, 250);
      }
      case "numeric": {
        const value = Number(key.value);
        if (!Number.isFinite(value)) return "";
        if (edition === "1.2") return decimalString(value);
        const tolerance = Math.abs(finiteOr(key.tolerance, 0));
        return decimalString(value - tolerance) + "[:]" + decimalString(value + tolerance);
      }
      default:
        return "";
    }
  }

  /** SCORM 2004 description: {lang=…} and the prompt, 250 characters in all. */
  function formatDescription(language, prompt) {
    const text = shortText(prompt);
    if (!text) return "";
    const prefix = language ? "{lang=" + language + "}" : "";
    return prefix + truncate(text, 250 - prefix.length);
  }

  /**
   * The elements (after cmi.interactions.n.) and values recording one question of one quiz submission,
   * in the order SCORM 2004 requires (id, then type, before responses). Empty values are left out: an
   * unanswered true-false or numeric question has no valid response to report.
   */
  function interactionFields(edition, question, quizCode, submittedAt, language) {
    const type = INTERACTION_TYPES[question.type];
    if (!type) return [];
    const v12 = edition === "1.2";
    const latency = Math.max(0, finiteOr(question.latencyMs, 0));
    const fields = [
      ["id", sanitizeIdentifier(quizCode + "_" + question.id, v12 ? 255 : 4000)],
      ["type", type],
      v12 ? null : ["description", formatDescription(language, question.prompt)],
      [v12 ? "student_response" : "learner_response", formatResponse(edition, question)],
      ["correct_responses.0.pattern", formatPattern(edition, question)],
      ["result", question.correct ? "correct" : v12 ? "wrong" : "incorrect"],
      ["weighting", decimalString(finiteOr(question.points, 0))],
      ["latency", v12 ? formatTimespan12(latency) : formatDuration2004(latency)],
      v12 ? ["time", formatTime12(submittedAt)] : ["timestamp", formatTimestamp2004(submittedAt)]
    ];
    return fields.filter((field) => field && field[1] !== "");
  }

  /* ---------------------------------------------------------------- Bookmarks (pure) */

  /** The page href when it fits the location element, else the item's code; null when neither can. */
  function bookmarkFor(href, itemId, scope, limit) {
    if (href && href.length <= limit) return href;
    const item = findItem(scope, itemId, href);
    return item && item.code.length <= limit ? item.code : null;
  }

  /** A page of this package, relative and without any way out of it (the LMS hands this value back,
   *  and it becomes the frame's src). */
  function isPackagePage(href) {
    return /^[A-Za-z0-9._~%-]+(\/[A-Za-z0-9._~%-]+)*\.html$/.test(href) && !/(^|\/)\.\.?(\/|$)/.test(href);
  }

  /** The stored bookmark → the page to open, or null (a code of this scope, or a package page). */
  function resolveBookmark(value, scope) {
    if (typeof value !== "string" || value === "") return null;
    const item = scope.lessons.concat(scope.quizzes).find((candidate) => candidate.code === value);
    if (item && isPackagePage(item.href)) return item.href;
    return isPackagePage(value) ? value : null;
  }

  /* ---------------------------------------------------------------- Finding the LMS API */

  /** A property of another window, or undefined when the browser refuses (another origin). */
  function peek(win, name) {
    try {
      return win[name];
    } catch (error) {
      return undefined;
    }
  }

  function isAPI(candidate, edition) {
    const method = edition === "1.2" ? "LMSInitialize" : "Initialize";
    try {
      return !!candidate && typeof candidate[method] === "function";
    } catch (error) {
      return false;
    }
  }

  /** Looks in `start` and its parents, as the ADL algorithm does: up to 500 levels, or the top. */
  function searchChain(start, name, edition) {
    let win = start;
    for (let hops = 0; win && hops <= MAX_PARENT_HOPS; hops += 1) {
      const candidate = peek(win, name);
      if (isAPI(candidate, edition)) return candidate;
      const parent = peek(win, "parent");
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  /** window.API (1.2) or window.API_1484_11 (2004) in this window's parents, then in its opener's and the
   *  top window's opener's (an LMS that launches SCOs in a pop-up). */
  function findAPI(win, edition) {
    const name = edition === "1.2" ? "API" : "API_1484_11";
    const top = peek(win, "top");
    const starts = [win, peek(win, "opener"), top ? peek(top, "opener") : undefined];
    for (const start of starts) {
      const api = start ? searchChain(start, name, edition) : null;
      if (api) return api;
    }
    return null;
  }

  /* ---------------------------------------------------------------- The LMS, safely */

  const METHODS = {
    "1.2": {
      initialize: "LMSInitialize", terminate: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic"
    },
    "2004": {
      initialize: "Initialize", terminate: "Terminate", get: "GetValue", set: "SetValue",
      commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic"
    }
  };

  const ELEMENTS = {
    "1.2": {
      entry: "cmi.core.entry", location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data",
      mode: "cmi.core.lesson_mode", learnerName: "cmi.core.student_name", exit: "cmi.core.exit",
      sessionTime: "cmi.core.session_time", interactions: "cmi.interactions", status: "cmi.core.lesson_status",
      score: "cmi.core.score"
    },
    "2004": {
      entry: "cmi.entry", location: "cmi.location", suspendData: "cmi.suspend_data",
      mode: "cmi.mode", learnerName: "cmi.learner_name", exit: "cmi.exit",
      sessionTime: "cmi.session_time", interactions: "cmi.interactions", status: "cmi.completion_status",
      score: "cmi.score"
    }
  };

  function warn(...parts) {
    if (global.console && typeof global.console.warn === "function") global.console.warn("Lectern SCORM:", ...parts);
  }

  /** One LMS API object behind calls that never throw and report the LMS's errors. */
  class LMS {
    constructor(api, edition) {
      this.api = api;
      this.methods = METHODS[edition];
    }

    /** Calls an API method; {ok: false} when it threw or does not exist. */
    invoke(method, ...args) {
      try {
        return { ok: true, value: this.api[this.methods[method]](...args) };
      } catch (error) {
        warn(this.methods[method] + " threw:", error);
        return { ok: false, value: undefined };
      }
    }

    errorCode() {
      const code = this.invoke("lastError");
      return code.ok && code.value !== null && code.value !== undefined ? String(code.value) : "";
    }

    /** Logs what the LMS says about its last error. */
    report(what) {
      const code = this.errorCode();
      const text = this.invoke("errorString", code);
      const diagnostic = this.invoke("diagnostic", code);
      const detail = diagnostic.ok && diagnostic.value && diagnostic.value !== text.value ? " (" + diagnostic.value + ")" : "";
      warn(what + " failed: error " + (code || "?") + " " + (text.ok ? String(text.value || "") : "") + detail);
    }

    /** Initialize/Commit/Terminate/SetValue: true only for the LMS's "true" (a string by the standard,
     *  a boolean in some LMSs). */
    act(method, what, ...args) {
      const result = this.invoke(method, ...args);
      if (result.ok && String(result.value) === "true") return true;
      if (result.ok) this.report(what);
      return false;
    }

    initialize() { return this.act("initialize", this.methods.initialize, ""); }
    commit() { return this.act("commit", this.methods.commit, ""); }
    terminate() { return this.act("terminate", this.methods.terminate, ""); }
    set(element, value) { return this.act("set", this.methods.set + "(" + element + ")", element, String(value)); }

    /** A value, or null when the LMS reports an error. Optional elements an LMS leaves unset are
     *  normal, so `quiet` reads do not log. */
    get(element, quiet) {
      const result = this.invoke("get", element);
      if (!result.ok) return null;
      const code = this.errorCode();
      if (code !== "" && code !== "0") {
        if (!quiet) this.report(this.methods.get + "(" + element + ")");
        return null;
      }
      return result.value === null || result.value === undefined ? "" : String(result.value);
    }
  }

  /* ---------------------------------------------------------------- Local storage (backup) */

  function writeLocal(courseId, progress) {
    try {
      global.localStorage.setItem(STORAGE_PREFIX + courseId, JSON.stringify(progress));
    } catch (error) {
      // No backup then; the LMS still has everything.
    }
  }

  /* ---------------------------------------------------------------- The runtime */

  /** One SCO session: what the LMS said at the start, the learner's progress, and what is still to be
   *  written. Writes are batched: change → schedule → flush (set what changed, commit). */
  class Runtime {
    constructor(config, lms) {
      this.config = config;
      this.edition = config.edition === "1.2" ? "1.2" : "2004";
      this.scope = scopeFromConfig(config);
      this.lms = lms;
      this.elements = ELEMENTS[this.edition];
      this.interval = Math.max(0, finiteOr(config.commitIntervalMs, 5000));
      this.suspendLimit = Math.max(0, finiteOr(config.suspendDataLimit, this.edition === "1.2" ? 4096 : 64000));
      this.locationLimit = Math.max(0, finiteOr(config.locationLimit, this.edition === "1.2" ? 255 : 1000));
      this.progress = emptyProgress();
      this.written = {};            // element → last value set, so unchanged values are not sent again
      this.location = null;         // the bookmark to write
      this.pending = [];            // interactions to write: [[suffix, value], …] each
      this.interactionCount = 0;
      this.timer = null;
      this.lastCommitAt = 0;
      this.commits = 0;
      this.startedAt = Date.now();
      this.terminated = false;
      this.mode = "normal";
      this.entry = "";
      this.learnerName = "";
      this.initialStatus = {};
    }

    /** Reads what the LMS remembers and restores progress; returns the page to open first. */
    restore() {
      this.readSession();
      this.readRecorded();
      const e = this.elements;
      const restored = decodeSuspendData(this.written[e.suspendData] || "", this.scope);
      // The LMS record is the learner's: on a shared computer this browser's storage may hold someone
      // else's progress, so it is never merged in; it only receives a copy as a backup.
      this.progress = mergeProgress(restored, null, Date.now());
      const bookmark = resolveBookmark(this.written[e.location] || "", this.scope);
      if (bookmark) {
        const item = findItem(this.scope, "", bookmark);
        this.progress.last = { itemId: item ? item.id : "", href: bookmark, title: item ? String(item.title || "") : "" };
      }
      writeLocal(this.config.courseId, this.progress);
      return bookmark || startPage(this.config);
    }

    /** Who, how and how far: optional elements an LMS may leave unset read as their defaults. */
    readSession() {
      const e = this.elements;
      this.entry = this.lms.get(e.entry, true) || "";
      this.mode = this.lms.get(e.mode, true) || "normal";
      this.learnerName = this.lms.get(e.learnerName, true) || "";
      const count = parseInt(this.lms.get(e.interactions + "._count", true), 10);
      this.interactionCount = Number.isFinite(count) && count > 0 ? count : 0;
    }

    /** The values this runtime writes, as the LMS holds them now: unchanged ones are not sent again,
     *  and the recorded status is what wouldUndo protects. */
    readRecorded() {
      const e = this.elements;
      const elements = [e.suspendData, e.location, e.status, e.score + ".raw", e.score + ".min", e.score + ".max"];
      if (this.edition === "2004") elements.push("cmi.success_status", e.score + ".scaled", "cmi.progress_measure");
      for (const element of elements) {
        const value = this.lms.get(element, true);
        if (value !== null) this.written[element] = value;
      }
      this.initialStatus = this.edition === "1.2"
        ? { lessonStatus: this.written[e.status] || "" }
        : { completionStatus: this.written[e.status] || "", successStatus: this.written["cmi.success_status"] || "" };
    }

    get tracking() {
      return this.mode !== "review" && !this.terminated;   // a review session must not change the record
    }

    /* -------- what the course pages call */

    loadProgress(courseId) {
      return courseId === this.config.courseId ? clone(this.progress) : null;
    }

    saveProgress(courseId, progress) {
      if (courseId !== this.config.courseId) return;
      this.progress = cleanProgress(clone(progress));
      this.schedule();
    }

    pageShown(href, itemId) {
      if (typeof href !== "string" || !isPackagePage(href)) return;
      const bookmark = bookmarkFor(href, itemId, this.scope, this.locationLimit);
      if (bookmark === null) return;
      this.location = bookmark;
      this.schedule();
    }

    /** Queues one interaction per question of a quiz submission (lectern.js's lectern:quiz detail). */
    recordQuiz(detail) {
      if (!detail || !Array.isArray(detail.questions)) return;
      const quiz = this.scope.quizzes.find((candidate) => candidate.id === detail.quizId);
      if (!quiz) return;   // another SCO's quiz: that SCO picks the result up from local progress
      const submittedAt = finiteOr(detail.submittedAt, Date.now());
      for (const question of detail.questions) {
        const fields = interactionFields(this.edition, question || {}, quiz.code, submittedAt, this.config.language);
        if (fields.length > 0) this.pending.push(fields);
      }
      this.schedule();
    }

    /* -------- writing */

    /** One flush at most every commitIntervalMs; changes in between join the scheduled one. */
    schedule() {
      if (this.timer !== null || !this.tracking) return;
      const wait = Math.max(0, this.lastCommitAt + this.interval - Date.now());
      this.timer = global.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
    }

    /** Writes everything that changed and commits. */
    flush() {
      if (this.timer !== null) global.clearTimeout(this.timer);
      this.timer = null;
      if (!this.tracking) return;
      let changed = this.writeSuspendData();
      changed = this.writeLocation() || changed;
      changed = this.writeInteractions() || changed;
      changed = this.writeScoreAndStatus() || changed;
      if (changed) {
        this.lms.commit();
        this.commits += 1;
        this.lastCommitAt = Date.now();
      }
    }

    /** Sets an element unless it already holds that value; true when something was sent. */
    setOnce(element, value) {
      if (this.written[element] === value) return false;
      if (this.lms.set(element, value)) this.written[element] = value;
      return true;
    }

    writeSuspendData() {
      return this.setOnce(this.elements.suspendData, encodeSuspendData(this.progress, this.scope, this.suspendLimit));
    }

    writeLocation() {
      return this.location !== null && this.setOnce(this.elements.location, this.location);
    }

    writeInteractions() {
      const base = this.elements.interactions;
      const sent = this.pending.length > 0;
      for (const fields of this.pending.splice(0)) {
        // Append after whatever the LMS holds; an LMS that cannot count keeps our own counter going.
        const count = parseInt(this.lms.get(base + "._count", true), 10);
        const index = Math.max(this.interactionCount, Number.isFinite(count) ? count : 0);
        const prefix = base + "." + index + ".";
        if (!this.lms.set(prefix + fields[0][0], fields[0][1])) continue;
        for (const [suffix, value] of fields.slice(1)) this.lms.set(prefix + suffix, value);
        this.interactionCount = index + 1;
      }
      return sent;
    }

    writeScoreAndStatus() {
      const status = computeStatus(this.progress, this.scope);
      const score = this.elements.score;
      let changed = false;
      if (status.raw !== null) {
        changed = this.setOnce(score + ".min", "0") || changed;
        changed = this.setOnce(score + ".max", "100") || changed;
        changed = this.setOnce(score + ".raw", decimalString(status.raw)) || changed;
        if (this.edition === "2004") changed = this.setOnce(score + ".scaled", decimalString(status.raw / 100)) || changed;
      }
      if (this.edition === "1.2") {
        if (!wouldUndo(this.initialStatus.lessonStatus, status.lessonStatus)) {
          changed = this.setOnce(this.elements.status, status.lessonStatus) || changed;
        }
        return changed;
      }
      changed = this.setOnce("cmi.progress_measure", decimalString(status.progressMeasure)) || changed;
      if (!wouldUndo(this.initialStatus.completionStatus, status.completionStatus)) {
        changed = this.setOnce(this.elements.status, status.completionStatus) || changed;
      }
      if (!wouldUndo(this.initialStatus.successStatus, status.successStatus)) {
        changed = this.setOnce("cmi.success_status", status.successStatus) || changed;
      }
      return changed;
    }

    /** Leaving: write everything, mark the attempt suspended (learners come back to it), record the
     *  session time, and terminate — once, whichever event gets here first. */
    finish() {
      if (this.terminated) return;
      this.flush();
      this.terminated = true;
      const e = this.elements;
      this.lms.set(e.exit, "suspend");
      const elapsed = Date.now() - this.startedAt;
      this.lms.set(e.sessionTime, this.edition === "1.2" ? formatTimespan12(elapsed) : formatDuration2004(elapsed));
      this.lms.commit();
      this.lms.terminate();
    }

    /** For tests and debugging. */
    state() {
      const status = computeStatus(this.progress, this.scope);
      return {
        edition: this.edition,
        mode: this.mode,
        entry: this.entry,
        learnerName: this.learnerName,
        suspendData: encodeSuspendData(this.progress, this.scope, this.suspendLimit),
        location: this.location,
        status: this.edition === "1.2" ? status.lessonStatus : { completion: status.completionStatus, success: status.successStatus },
        progressMeasure: status.progressMeasure,
        score: status.raw,
        interactionCount: this.interactionCount,
        pendingInteractions: this.pending.length,
        commits: this.commits,
        terminated: this.terminated,
        written: clone(this.written)
      };
    }
  }

  /* ---------------------------------------------------------------- Start-up */

  function readConfig(document) {
    const element = document.getElementById("scorm-config");
    if (!element) return null;
    try {
      const config = JSON.parse(element.textContent);
      return config && typeof config === "object" ? config : null;
    } catch (error) {
      warn("the package's #scorm-config is not JSON:", error);
      return null;
    }
  }

  function startPage(config) {
    return config && isPackagePage(config.startHref) ? config.startHref : "index.html";
  }

  /** No LMS (or one that refuses us): the course runs as a static site, progress in localStorage. */
  function openWithoutLMS(win, config) {
    win.location.replace(startPage(config));
  }

  /** Wraps a runtime method for the frame and the page's events: errors stay here. */
  function guarded(runtime, method) {
    return (...args) => {
      try {
        return runtime[method](...args);
      } catch (error) {
        warn(method + " failed:", error);
        return method === "loadProgress" ? null : undefined;
      }
    };
  }

  /** An initialized LMS session, or null when there is no LMS or it refuses one. */
  function connect(win, edition) {
    // A launch page inside a launch page (a link followed in the frame) must not open a second session.
    const parent = peek(win, "parent");
    if (parent !== win && peek(parent, "LecternSCO")) return null;
    const api = findAPI(win, edition);
    if (!api) return null;
    const lms = new LMS(api, edition);
    if (lms.initialize()) return lms;
    // Refused, but the session may already be open (this page loaded again within the same attempt):
    // a read that succeeds tells.
    if (lms.get(edition === "1.2" ? "cmi.core.lesson_status" : "cmi.completion_status", true) !== null) return lms;
    warn("the LMS refused the session; the course runs without it");
    return null;
  }

  /** What the course pages in the frame call (through window.parent). */
  function expose(win, runtime) {
    win.LecternSCO = {
      edition: runtime.edition,
      loadProgress: guarded(runtime, "loadProgress"),
      saveProgress: guarded(runtime, "saveProgress"),
      recordQuiz: guarded(runtime, "recordQuiz"),
      pageShown: guarded(runtime, "pageShown"),
      flush: guarded(runtime, "flush"),
      _state: guarded(runtime, "state")
    };
  }

  /** Terminates on the way out (pagehide, or beforeunload where pagehide does not come), and saves
   *  when the page is hidden: a phone may discard a hidden tab without either event. */
  function listenForExit(win, runtime) {
    const finish = guarded(runtime, "finish");
    const flush = guarded(runtime, "flush");
    win.addEventListener("pagehide", finish);
    win.addEventListener("beforeunload", finish);
    win.document.addEventListener("visibilitychange", () => {
      if (win.document.visibilityState === "hidden") flush();
    });
  }

  function start(win) {
    const config = readConfig(win.document);
    const frame = win.document.getElementById("lectern-sco-frame");
    const lms = config && frame ? connect(win, config.edition === "1.2" ? "1.2" : "2004") : null;
    if (!lms) {
      openWithoutLMS(win, config);
      return;
    }
    const runtime = new Runtime(config, lms);
    const first = guarded(runtime, "restore")() || startPage(config);
    expose(win, runtime);
    listenForExit(win, runtime);
    guarded(runtime, "flush")();   // the first status ("incomplete"), so the LMS never assumes completion
    frame.src = first;
  }

  const api = {
    encodeSuspendData,
    decodeSuspendData,
    mergeProgress,
    cleanProgress,
    computeStatus,
    scopeFromConfig,
    formatTimespan12,
    formatDuration2004,
    formatTime12,
    formatTimestamp2004,
    formatResponse,
    formatPattern,
    formatDescription,
    interactionFields,
    sanitizeIdentifier,
    choiceLetter,
    decimalString,
    truncate,
    bookmarkFor,
    resolveBookmark,
    wouldUndo,
    isPackagePage,
    findAPI,
    LMS,
    Runtime
  };
  if (typeof module !== "undefined" && module && module.exports) module.exports = api;
  if (typeof document !== "undefined" && global.document) {
    try {
      start(global);
    } catch (error) {
      warn("could not start:", error);
      if (!global.LecternSCO) openWithoutLMS(global, readConfig(global.document));
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
