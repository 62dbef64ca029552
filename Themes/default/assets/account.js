/* Lectern's account page (sign in, register, the signed-in account, password change) and "My courses",
 * on a site served by `lectern serve`. Loaded after server.js on those two pages only. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, formatNumber, formatDate, roleName } = Lectern;
  const { read: readStored, remove: removeStored } = Lectern.storage;
  const { api: apiRequest, auth: loadAuth, signOut, problemText, isStaff, isAdmin, withReturn, enc, siteRootHref,
    noticeKey: NOTICE_KEY, saveAuth, saveUser, returnPath, displayName, setEnrollments, syncAllCourses, renderAccountNav,
    showFormErrors, setFormBusy, labelOf } = Lectern.server;

  /* ------------------------------------------ The account page */

  /** account.html: sign in or register when signed out; who you are and "Sign out" when signed in. */
  function initAccountPage() {
    const forms = document.getElementById("lectern-account-forms");
    const panel = document.getElementById("lectern-account-signed-in");
    const status = document.getElementById("lectern-account-status");
    const signInForm = document.getElementById("lectern-signin-form");
    const registerForm = document.getElementById("lectern-register-form");
    const passwordForm = document.getElementById("lectern-password-form");
    const next = returnPath();
    const mustChange = (auth) => Boolean(auth && auth.user && auth.user.must_change_password);
    /** The password typed at sign-in, kept only while it must be replaced, so the learner need not type it twice. */
    let firstUsePassword = "";
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
          back.hidden = !next || mustChange(auth);
          if (next) back.href = next;
        }
        // A first-use password (a sign-in card, a reset): nothing else works until the learner chooses their own.
        const links = panel.querySelector(".account-links");
        if (links) links.hidden = mustChange(auth);
        const required = document.getElementById("lectern-password-required");
        if (required) required.hidden = !mustChange(auth);
        if (passwordForm && mustChange(auth)) passwordForm.closest("details").open = true;
      }
      renderAccountNav();
    };

    const signedIn = async (pair) => {
      saveAuth(pair);
      if (pair.must_change_password) {
        render();
        say(t("account.mustChangePassword"));
        const fresh = passwordForm ? passwordForm.elements.namedItem("new") : null;
        if (fresh) fresh.focus();
        return;
      }
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
          firstUsePassword = pair.must_change_password ? password.value : "";
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
          const target = { email, username, password, name }[field] || null;
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

    if (passwordForm) {
      passwordForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const current = passwordForm.elements.namedItem("current");
        const fresh = passwordForm.elements.namedItem("new");
        const problems = [];
        if (!current.value && firstUsePassword) current.value = firstUsePassword;
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
          const wasFirstUse = Boolean(firstUsePassword) || mustChange(loadAuth());
          firstUsePassword = "";
          current.value = "";
          fresh.value = "";
          passwordForm.closest("details").open = false;
          // After a first-use password: now the sign-in is complete (progress synced, back to where they were going).
          if (wasFirstUse) { await signedIn(pair); return; }
          saveAuth(pair);
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
      const entries = await Lectern.server.apiAll("/enrollments/my-courses");
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
    // A hosted SCORM package has no pages of its own: its course opens in the package player.
    link.href = entry.scorm_package ? root + "scorm-player.html?package=" + enc(String(entry.scorm_package))
      : root + enc(entry.course) + "/index.html";
    heading.append(link);
    const bar = element("progress", "progress-bar");
    bar.max = 100;
    bar.value = percent;
    bar.textContent = formatNumber(percent) + "%";
    bar.setAttribute("aria-label", t("myCourses.progressLabel", { title }));
    item.append(heading, bar, element("p", "my-course-progress", t("myCourses.progress", { percent: formatNumber(percent) })));
    if (Lectern.timeOf(entry.enrolled_at) > 0) {
      item.append(element("p", "my-course-enrolled", t("myCourses.enrolledOn", { date: formatDate(Lectern.timeOf(entry.enrolled_at)) })));
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



  Lectern.server.provide("account", { initAccountPage, initMyCoursesPage });
})((typeof window !== "undefined" ? window : globalThis));
