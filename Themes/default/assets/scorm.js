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
 * "true"/"false" results and logs the LMS's own error with console.warn. The record it keeps (scope,
 * suspend data, status: scorm-record.js) and the data model's formats (scorm-cmi.js) are pure functions
 * in scripts of their own, loaded before this one after progress.js and grading.js; the browser tests
 * drive all of them through a strict test LMS (Tests/EndToEndTests/StrictLMS.swift). ES2019. */
(function (global) {
  "use strict";

  const STORAGE_PREFIX = "lectern:v1:progress:";   // shared with lectern.js
  const MAX_PARENT_HOPS = 500;                       // the ADL discovery algorithm's limit
  const { finiteOr, decimalString, clone, emptyProgress, cleanProgress, mergeProgress, scopeFromConfig, findItem,
    decodeSuspendData, encodeSuspendData, computeStatus, wouldUndo } = global.LecternSCORMRecord;
  const { formatTimespan12, formatDuration2004, interactionId, interactionFields, bookmarkFor, isPackagePage,
    resolveBookmark } = global.LecternSCORMFormats;

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
      this.outside = new Set(Array.isArray(config.outsideHrefs) ? config.outsideHrefs : []);
      this.suspendLimit = Math.max(0, finiteOr(config.suspendDataLimit, this.edition === "1.2" ? 4096 : 64000));
      this.locationLimit = Math.max(0, finiteOr(config.locationLimit, this.edition === "1.2" ? 255 : 1000));
      this.progress = emptyProgress();
      this.restored = null;         // the LMS's record as read: what may never be written back smaller
      this.kept = {};               // its entries this package does not know, written back as they were
      this.suspendUnreadable = false;
      this.interactionIds = new Set();
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
      if (restored === undefined) {
        // Written by a package that knows a format this one does not: leave it as it is.
        this.suspendUnreadable = true;
        warn("cmi.suspend_data is in a format this package cannot read; it is left unchanged");
      }
      this.restored = restored || null;
      this.kept = restored ? restored.kept : {};
      // The LMS record is the learner's: on a shared computer this browser's storage may hold someone
      // else's progress, so it is never merged in; it only receives a copy as a backup.
      this.progress = mergeProgress(restored, null, Date.now());
      // Attempts left open in an earlier session: the quiz page resumes them as after a reload.
      if (restored) this.progress.open = cleanProgress({ open: restored.open }).open;
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
      // SCORM 2004 refuses an interaction id already used at another index (1.2's ids are write-only).
      if (this.edition === "2004" && this.mode !== "review") {
        for (let index = 0; index < this.interactionCount; index += 1) {
          const id = this.lms.get(e.interactions + "." + index + ".id", true);
          if (id) this.interactionIds.add(id);
        }
      }
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
      // What the LMS held stays: a page's record never takes back what was read at the start.
      this.progress = mergeProgress(this.restored, cleanProgress(clone(progress)), Date.now());
      this.schedule();
    }

    pageShown(href, itemId) {
      if (typeof href !== "string" || !isPackagePage(href) || this.outside.has(href)) return;
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
      // The page has already counted this attempt (saveProgress comes first).
      const record = this.progress.quizzes[quiz.id];
      let attempt = Math.max(1, record ? record.attempts : 1);
      const ids = (number) => detail.questions.map((question) => interactionId(this.edition, quiz.code, String((question || {}).id), number));
      while (ids(attempt).some((id) => this.interactionIds.has(id))) attempt += 1;
      for (const question of detail.questions) {
        const fields = interactionFields(this.edition, question || {}, quiz.code, submittedAt, this.config.language, attempt);
        if (fields.length === 0) continue;
        this.interactionIds.add(fields[0][1]);
        this.pending.push(fields);
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
      if (this.suspendUnreadable) return false;
      return this.setOnce(this.elements.suspendData, encodeSuspendData(this.progress, this.scope, this.suspendLimit, this.kept));
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
     *  session time, and terminate — once, whichever event gets here first. A review session only
     *  terminates: it writes nothing. */
    finish() {
      if (this.terminated) return;
      if (this.mode === "review") {
        this.terminated = true;
        this.lms.terminate();
        return;
      }
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
        suspendData: encodeSuspendData(this.progress, this.scope, this.suspendLimit, this.kept),
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

  /** The path of a URL from the package root ("basics/intro.html"), or null when it is not in the package. */
  function packagePath(win, url) {
    try {
      const root = new URL(".", win.location.href);
      const target = new URL(url, win.location.href);
      if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) return null;
      const path = decodeURIComponent(target.pathname.slice(root.pathname.length));
      return path === "" || path.endsWith("/") ? path + "index.html" : path;
    } catch (error) {
      return null;
    }
  }

  /**
   * With one SCO per module, keeps the learner inside this SCO: a link to another module's page (its
   * "Next" at the end of the module, the syllabus) shows the end-of-module notice instead, which sends
   * the learner back to the LMS for the next module. A page of another module that loads all the same
   * (typed in, or a script) is replaced by the notice too; its bookmark is never kept.
   */
  function keepInside(win, frame, runtime, config) {
    const outside = new Set(Array.isArray(config.outsideHrefs) ? config.outsideHrefs : []);
    const notice = win.document.getElementById("lectern-sco-end");
    if (outside.size === 0 || !notice) return;
    let lastInside = null;
    const isOutside = (url) => outside.has(packagePath(win, url));
    const showNotice = () => {
      guarded(runtime, "flush")();
      frame.hidden = true;
      notice.hidden = false;
      const back = notice.querySelector(".sco-end-back");
      if (back) back.focus();
    };
    const back = notice.querySelector(".sco-end-back");
    if (back) {
      back.addEventListener("click", () => {
        notice.hidden = true;
        frame.hidden = false;
        const current = peek(frame.contentWindow || {}, "location");
        if (current && isOutside(current.href)) frame.src = lastInside || startPage(config);
      });
    }
    frame.addEventListener("load", () => {
      try {
        const href = frame.contentWindow.location.href;
        if (isOutside(href)) {
          showNotice();
          return;
        }
        lastInside = packagePath(win, href);
        frame.contentDocument.addEventListener("click", (event) => {
          const link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
          if (!link || !isOutside(link.href)) return;
          event.preventDefault();
          showNotice();
        }, true);
      } catch (error) {
        // Another origin in the frame: nothing of ours to keep.
      }
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
    keepInside(win, frame, runtime, config);
    guarded(runtime, "flush")();   // the first status ("incomplete"), so the LMS never assumes completion
    frame.src = first;
  }

  if (typeof document !== "undefined" && global.document) {
    try {
      start(global);
    } catch (error) {
      warn("could not start:", error);
      if (!global.LecternSCO) openWithoutLMS(global, readConfig(global.document));
    }
  }
})(typeof window !== "undefined" ? window : globalThis);

