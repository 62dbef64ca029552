/* Lectern: enrolled-only.html, where `lectern serve` sends a page request of a `visibility: enrolled`
 * course that came without the page cookie of an account allowed to read it. Signed in, the page asks
 * the server for the cookie (POST /api/v1/auth/cookie) and goes back to the page once; sent here again
 * within a few seconds, the account may not read the course, and the page says so with a link to the
 * course home. Signed out, it offers the sign-in page, which returns here. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, pageUI } = Lectern;
  const server = Lectern.server;
  const RETRY_MS = 10000;   // a second refusal within this time means "not enrolled", not "no cookie yet"

  /** The page to return to: only a page of the named course on this site, never an address elsewhere. */
  function target(course, next) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(course)) return null;
    if (next !== "/" + course && !next.startsWith("/" + course + "/")) return null;
    if (next.includes("\\") || next.includes("//") || /[\u0000-\u001f]/.test(next)) return null;
    return next;
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "enrolled-only") return;
    const ui = pageUI("lectern-gate");
    const params = new URLSearchParams(global.location.search);
    const course = params.get("course") || "";
    const next = target(course, params.get("next") || "");
    const home = document.getElementById("lectern-gate-course");
    if (home && next) home.href = course + "/index.html";
    if (!(await server.detect())) { ui.show("no-server"); return; }
    if (!server.auth()) { ui.show("signed-out"); return; }
    ui.say(t("gate.checking"));
    try {
      await server.api("POST", "/auth/cookie");
    } catch (error) {
      ui.say("");
      if (error.signedOut) { ui.show("signed-out"); return; }
      ui.say(error.detail || String(error));
      return;
    }
    const key = "lectern:v1:gate:" + next;
    let last = 0;
    try { last = Number(global.sessionStorage.getItem(key)) || 0; } catch (error) { last = 0; }
    if (next && Date.now() - last > RETRY_MS) {
      try { global.sessionStorage.setItem(key, String(Date.now())); } catch (error) { /* private mode: one try anyway */ }
      global.location.replace(next);
      return;
    }
    ui.say("");
    ui.show("not-enrolled");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
