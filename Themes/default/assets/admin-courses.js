/* Lectern: the administration page's courses section (admin.html, with admin.js). Shows the last course
 * reload of the server answering (done, or refused with the course files' errors), asks every server on
 * the database to reload (POST /api/v1/admin/reload) and waits for this one, and lists the records that
 * name a course, lesson or quiz the served courses no longer have (GET /api/v1/admin/orphans). */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, dataTable, formatDateTime } = Lectern;
  const server = Lectern.server;

  const WAIT_SECONDS = 30;     // how long the page waits for this server to answer a reload it asked for
  const ORPHAN_PAGE_SIZE = 100;

  function byId(id) {
    return document.getElementById(id);
  }

  function when(text) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? String(text || "") : formatDateTime(date);
  }

  /** One sentence for the reload state; the refused reload's messages go in the block below it. */
  function showState(status) {
    const state = byId("lectern-admin-reload-state");
    const messages = byId("lectern-admin-reload-messages");
    const last = status.last;
    let text;
    if (!last) {
      text = t("admin.reloadNone");
    } else {
      const values = { request: last.request, time: when(last.at), courses: last.courses, seconds: last.seconds };
      if (last.request === 0) text = t(last.succeeded ? "admin.reloadWatched" : "admin.reloadWatchedRefused", values);
      else text = t(last.succeeded ? "admin.reloadDone" : "admin.reloadRefused", values);
    }
    if (status.latest_request > status.courses_reload && (!last || last.request < status.latest_request)) {
      text += " " + t("admin.reloadPending", { request: status.latest_request });
    }
    state.textContent = text;
    const lines = last && !last.succeeded ? last.messages || [] : [];
    messages.textContent = lines.join("\n");
    messages.hidden = lines.length === 0;
  }

  /** The forwarding queue of `lectern serve --lrs`: what waits, what went, and why it waits. */
  async function showOutbox() {
    const state = await server.api("GET", "/admin/xapi-outbox");
    const holder = byId("lectern-admin-outbox");
    if (!holder) return;
    if (!state.pending && !state.sent) { holder.textContent = t("admin.outboxEmpty"); return; }
    let text = t("admin.outboxState", { pending: state.pending, sent: state.sent });
    if (state.last_sent_at) text += " " + t("admin.outboxLastSent", { time: when(state.last_sent_at) });
    if (state.retrying && state.last_error) text += " " + t("admin.outboxProblem", { count: state.retrying, error: state.last_error });
    holder.textContent = text;
  }

  async function showOrphans() {
    const answer = await server.api("GET", "/admin/orphans?page_size=" + ORPHAN_PAGE_SIZE);
    const items = Array.isArray(answer.items) ? answer.items : [];
    const holder = byId("lectern-admin-orphans");
    if (items.length === 0) {
      holder.replaceChildren(element("p", "", t("admin.orphansNone")));
      return;
    }
    holder.replaceChildren(dataTable(t("admin.orphansTable"),
      [t("admin.orphanKind"), t("admin.orphanCourse"), t("admin.orphanId"), t("admin.orphanRecords"), t("admin.orphanLearners")],
      items.map((item) => [t("admin.orphanKind." + item.kind), item.course, item.item || "", item.records, item.learners])));
  }

  async function reload(button) {
    const status = byId("lectern-admin-courses-status");
    const alert = byId("lectern-admin-courses-error");
    alert.textContent = "";
    button.disabled = true;
    try {
      const asked = await server.api("POST", "/admin/reload");
      const request = asked.reload_request;
      status.textContent = t("admin.reloadAsked", { request });
      const deadline = Date.now() + WAIT_SECONDS * 1000;
      let answer = await server.api("GET", "/admin/reload");
      while (!(answer.last && answer.last.request >= request) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        answer = await server.api("GET", "/admin/reload");
      }
      status.textContent = "";
      showState(answer);
      await showOrphans();
    } catch (error) {
      status.textContent = "";
      alert.textContent = t("admin.error", { detail: error.detail || String(error) });
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "admin") return;
    if (!(await server.detect())) return;
    const auth = server.auth();
    if (!auth || !server.isAdmin(auth)) return;
    const section = byId("lectern-admin-courses");
    try {
      showState(await server.api("GET", "/admin/reload"));
      await Promise.all([showOrphans(), showOutbox()]);
      section.hidden = false;
    } catch (error) {
      // admin.js says what went wrong with the page as a whole (signed out, no longer an administrator).
      if (global.console) global.console.warn("Lectern:", error);
      return;
    }
    const button = byId("lectern-admin-reload");
    button.addEventListener("click", () => reload(button));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
