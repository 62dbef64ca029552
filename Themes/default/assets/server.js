/* Lectern with `lectern serve`: the same pages keep progress in the learner's account and have the server
 * grade the quizzes whose answers they do not carry; sign-in, registration and the account page, "My
 * courses", enrollment, progress in both directions, course ratings and reviews, and what the root pages'
 * scripts (dashboard.js, admin.js) use. lectern.js loads it, and server-quiz.js after it on quiz pages, only
 * when /api/v1/health answers: never on file://, inside a SCORM package or on a server without the API.
 * The API is always at the server's root; the pages' own links stay relative. Local progress remains what
 * the pages draw: the server's progress is merged into it, and lessons completed here are sent to it. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || typeof document === "undefined") return;
  const { t, hasString, element, formatNumber, safely, decorateSyllabus, syllabusItems, initCourseProgress,
    showQuizNotice } = Lectern;
  const { load: loadProgress, save: saveProgress } = Lectern.progress;
  const { read: readStored, write: writeStored, remove: removeStored } = Lectern.storage;
  const detectServer = Lectern.detectServer;
  const API_ROOT = Lectern.apiRoot;


  const AUTH_KEY = "lectern:v1:auth";                // localStorage: {access_token, refresh_token, user, expires_at (ms)}
  const ENROLLED_KEY = "lectern:v1:enrolled";        // localStorage: {user, all, courses: {slug: true|false}}
  const PASS_SCORES_KEY = "lectern:v1:pass-scores";  // sessionStorage: {"<slug>/<quiz id>": pass score}
  const NOTICE_KEY = "lectern:v1:account-notice";    // sessionStorage: "signedOut" for the account page to say
  const EXPIRY_MARGIN_MS = 30 * 1000;                // renew an access token this long before it expires
  const PUSH_CONCURRENCY = 4;

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
    if (error.code && hasString(key)) return t(key);
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
    // The same token in the HttpOnly cookie that opens the pages of courses kept for their learners.
    send("POST", "/auth/cookie", null, auth.access_token).catch(() => {});
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
    send("DELETE", "/auth/cookie", null, null).catch(() => {});
    removeStored("localStorage", AUTH_KEY);
    removeStored("localStorage", ENROLLED_KEY);
    Lectern.progress.forgetLocal();
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
    // A file (Blob) is the raw body of an upload; anything else goes as JSON.
    const file = typeof Blob !== "undefined" && body instanceof Blob;
    if (body !== undefined && body !== null) headers["Content-Type"] = file ? body.type || "application/octet-stream" : "application/json";
    if (token) headers.Authorization = "Bearer " + token;
    try {
      return await global.fetch(API_ROOT + path, {
        method,
        headers,
        body: body !== undefined && body !== null ? (file ? body : JSON.stringify(body)) : undefined,
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

  /** Every item of a paged list (`{items, total, page, page_size, pages}`), fetching its pages in turn. */
  async function apiRequestAll(path, options) {
    const items = [];
    const joiner = path.includes("?") ? "&" : "?";
    for (let page = 1, pages = 1; page <= pages && page <= 1000; page += 1) {
      const answer = await apiRequest("GET", path + joiner + "page_size=100&page=" + page, null, options);
      if (!answer || !Array.isArray(answer.items)) break;
      items.push(...answer.items);
      pages = Number(answer.pages) || 1;
    }
    return items;
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

  /** How staff pages name an account in buttons and messages: "Maria Silva (maria)", or the username alone. */
  function nameWithUsername(user) {
    const name = String(user.name || "").trim();
    return name && name !== user.username ? name + " (" + user.username + ")" : String(user.username || "");
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
    const entries = await apiRequestAll("/enrollments/my-courses");
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
    const nav = Lectern.fillAccountNav();
    if (!nav) return;
    const auth = loadAuth();
    const show = (selector, visible) => {
      const part = nav.querySelector(selector);
      if (part) part.hidden = !visible;
    };
    show(".account-nav-signin", !auth);
    show(".account-nav-user", Boolean(auth));
    show(".account-nav-inbox", Boolean(auth));
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

  /** Shows how many notifications are unread next to "Inbox" (nothing when none). */
  function showUnread(count) {
    const badge = document.querySelector("#lectern-account-nav .inbox-count");
    if (!badge) return;
    badge.hidden = !(count > 0);
    badge.textContent = count > 0 ? Lectern.formatNumber(count) : "";
    badge.setAttribute("aria-label", count > 0 ? Lectern.tn("inbox.unreadCount", count) : "");
  }

  /** Asks for the unread count now, then every half minute while the page is in view (polling: a kiosk
   *  class of thirty pages makes one small request a second), and again when the page comes back. */
  const INBOX_POLL_MS = 30 * 1000;
  let inboxTimer = null;
  async function refreshUnread() {
    if (!loadAuth()) { showUnread(0); return; }
    try {
      const answer = await apiRequest("GET", "/notifications/unread-count");
      showUnread(Number(answer.unread) || 0);
    } catch (error) {
      // Signed out or the server away: the next round tries again.
    }
  }
  function pollInbox() {
    const schedule = () => {
      global.clearTimeout(inboxTimer);
      inboxTimer = document.hidden ? null : global.setTimeout(() => refreshUnread().then(schedule), INBOX_POLL_MS);
    };
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) refreshUnread().then(schedule);
      else global.clearTimeout(inboxTimer);
    });
    refreshUnread().then(schedule);
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
    const nav = Lectern.fillAccountNav();
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
      if (event.key === AUTH_KEY || event.key === null) { safely(renderAccountNav); refreshUnread(); }
    });
    pollInbox();
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
    if (info.page === "lesson" && info.itemId && Lectern.lessonAwaitsVideo()) {
      // The video has not played far enough yet: the lesson is sent as complete once it has.
      document.addEventListener("lectern:lesson-complete", () => {
        apiRequest("POST", completePath(slug, info.itemId)).catch(() => {});
      }, { once: true });
    }
    try {
      // Asked even when this browser last saw the learner not enrolled: staff may have enrolled them since
      // (a class enrolled by its teacher), and the answer corrects what is kept here.
      if (info.page === "lesson" && info.itemId && !Lectern.lessonAwaitsVideo()) {
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
        if (serverQuiz && quiz) {
          const ServerQuizController = await part("quiz");
          new ServerQuizController(serverQuiz, quiz, info, slug).start();
        }
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

  /* ------------------------------------------ Forms and dates (the account page, reviews, dashboards) */

  function formatDate(milliseconds) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" }).format(new Date(milliseconds));
    } catch (error) {
      return new Date(milliseconds).toISOString().slice(0, 10);
    }
  }

  /** A date and time in the page's language, with seconds (administration events often come in bursts). */
  function formatDateTime(date) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "medium" }).format(date);
    } catch (error) {
      return date.toISOString().replace("T", " ").slice(0, 19);
    }
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

  /** The text of an input's label, for "Fill in …". */
  function labelOf(input) {
    const label = input.labels && input.labels[0];
    return label ? label.textContent.trim() : input.name;
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

  /** Brings the page to life with the server (lectern.js loads this script only when it answers). */
  async function initServer(info) {
    let afterSignOut = null;
    if (info.page === "account") afterSignOut = (await part("account")).initAccountPage();
    initAccountNav(info, afterSignOut);
    const warn = (error) => { if (global.console) global.console.warn("Lectern:", error); };
    if (info.page === "catalog") (await part("reviews")).initCatalogRatings().catch(warn);
    // Before initServerCourse, whose word on the enrollment the review form listens for.
    const reviews = info.page === "course" ? (await part("reviews")).initCourseReviews(info).catch(warn) : null;
    if (info.page === "my-courses") await (await part("account")).initMyCoursesPage(info);
    else if (info.courseId) await initServerCourse(info);
    await reviews;
  }

  // The page's other server scripts (account.js, reviews.js, server-quiz.js), loaded after this one, hand
  // over what they offer by name; the start-up waits for the parts its page needs.
  const parts = new Map();
  const waiting = new Map();
  function provide(name, value) {
    parts.set(name, value);
    for (const resolve of waiting.get(name) || []) resolve(value);
    waiting.delete(name);
  }
  function part(name) {
    if (parts.has(name)) return Promise.resolve(parts.get(name));
    return new Promise((resolve) => waiting.set(name, (waiting.get(name) || []).concat(resolve)));
  }

  Object.assign(Lectern, { formatDate, formatDateTime, dataTable, pageUI, roleName });
  /** Saves a downloaded file (a CSV, a PDF of sign-in cards) under `name`, as a link the browser follows. */
  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers.
    global.setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
  }

  Lectern.server = {
    saveBlob,
    detect: detectServer, api: apiRequest, apiAll: apiRequestAll, auth: loadAuth, signOut, ApiError,
    response: apiResponse, readAnswer, isStaff, isAdmin, withReturn, problemText,
    enc, siteRootHref, noteEnrollment, provide, noticeKey: NOTICE_KEY,
    saveAuth, saveUser, returnPath, displayName, nameWithUsername, setEnrollments, syncAllCourses, renderAccountNav, courseSlug,
    enrollmentState, showFormErrors, setFormBusy, labelOf, showUnread, refreshUnread
  };
  safely(() => initServer(Lectern.pageInfo()).catch((error) => {
    if (global.console) global.console.error("Lectern:", error);
  }));
})((typeof window !== "undefined" ? window : globalThis));
