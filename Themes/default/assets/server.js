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
  const { t, tn, hasString, element, formatNumber, safely, decorateSyllabus, syllabusItems, initCourseProgress,
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
      if (info.page === "lesson" && info.itemId && enrolled !== false && !Lectern.lessonAwaitsVideo()) {
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
          const ServerQuizController = await quizController;
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



  /* ------------------------------------------ Start */

  /** Brings the page to life with the server (lectern.js loads this script only when it answers). */
  async function initServer(info) {
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

  // server-quiz.js, loaded after this script on quiz pages, hands over its controller here.
  let provideQuizController;
  const quizController = new Promise((resolve) => { provideQuizController = resolve; });

  Object.assign(Lectern, { formatDate, dataTable, pageUI, roleName });
  Lectern.server = {
    detect: detectServer, api: apiRequest, auth: loadAuth, signOut, ApiError,
    response: apiResponse, readAnswer, isStaff, isAdmin, withReturn, problemText,
    enc, siteRootHref, noteEnrollment, provideQuizController
  };
  safely(() => initServer(Lectern.pageInfo()).catch((error) => {
    if (global.console) global.console.error("Lectern:", error);
  }));
})((typeof window !== "undefined" ? window : globalThis));
