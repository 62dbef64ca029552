/* The certificates section of admin.html (sites served by `lectern serve`): administrators find
 * certificates by course, learner or code (GET /api/v1/certificates, paged, newest first) and revoke one
 * (POST /api/v1/certificates/{id}/revoke) after confirming, without knowing its id beforehand. Loaded after
 * admin.js, which runs the rest of the page; this file only fills its own section. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, formatNumber, formatDate, dataTable, pagination } = Lectern;
  const server = Lectern.server;
  const enc = server.enc;

  const PAGE_SIZE = 20;

  function byId(id) {
    return document.getElementById(id);
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "admin") return;
    const section = byId("lectern-admin-certificates");
    if (!section || !(await server.detect())) return;
    const auth = server.auth();
    if (!auth || !server.isAdmin(auth)) return;
    const form = byId("lectern-admin-certificate-form");
    const holder = byId("lectern-admin-certificate-list");
    const nav = byId("lectern-admin-certificate-pages");
    const status = byId("lectern-admin-certificates-status");
    const alert = byId("lectern-admin-certificates-error");
    const say = (text) => { if (alert) alert.textContent = ""; if (status) status.textContent = text || ""; };
    const refuse = (text) => { if (status) status.textContent = ""; if (alert) alert.textContent = text || ""; };
    const state = { page: 1, pages: 1, total: 0, items: [] };

    async function load() {
      const params = new URLSearchParams({ page_size: String(PAGE_SIZE), page: String(state.page) });
      for (const name of ["course", "user", "code"]) {
        const input = form ? form.elements.namedItem(name) : null;
        if (input && input.value.trim()) params.set(name, input.value.trim());
      }
      const answer = await server.api("GET", "/certificates?" + params.toString());
      state.items = Array.isArray(answer.items) ? answer.items : [];
      state.pages = Math.max(1, Number(answer.pages) || 1);
      state.total = Number(answer.total) || 0;
      draw();
      section.hidden = false;
    }

    function summary() {
      if (state.total === 0) return t("admin.noCertificates");
      const first = (state.page - 1) * PAGE_SIZE + 1;
      return tn("admin.certificatesShowing", state.total, { from: formatNumber(first), to: formatNumber(first + state.items.length - 1) });
    }

    function draw() {
      if (!holder) return;
      if (state.items.length === 0) {
        holder.replaceChildren(element("p", "dashboard-empty", summary()));
      } else {
        const rows = state.items.map((item) => {
          const issued = Lectern.timeOf(item.issued_at);
          return [element("bdi", "", String(item.learner || "")), element("bdi", "", String(item.username || "")),
            String(item.course_title || item.course), issued > 0 ? formatDate(issued) : "—", element("code", "", String(item.code)),
            item.revoked ? t("admin.certificateRevoked") : t("admin.certificateValid"), actions(item)];
        });
        const table = dataTable(t("admin.certificatesTable"), [t("admin.certificateLearner"), t("account.username"), t("admin.certificateCourse"),
          t("admin.certificateIssued"), t("admin.certificateCode"), t("admin.status"), t("admin.actions")], rows);
        table.querySelectorAll("tbody tr").forEach((row, index) => { row.dataset.certificateId = String(state.items[index].id); });
        holder.replaceChildren(table);
      }
      if (nav) pagination(nav, state.page, state.pages, (page) => { state.page = page; run(load); });
    }

    /** Revoke, then "Yes, revoke" / "Cancel": revoking cannot be undone. */
    function actions(item) {
      const cell = element("span", "admin-actions");
      if (item.revoked) return cell;
      const label = t("admin.revokeOf", { learner: String(item.learner || item.username), course: String(item.course_title || item.course) });
      const revoke = element("button", "admin-revoke", t("admin.revoke"));
      revoke.type = "button";
      revoke.setAttribute("aria-label", label);
      revoke.addEventListener("click", () => {
        const confirm = element("span", "admin-confirm");
        const question = element("span", "", t("admin.confirmRevoke"));
        const yes = element("button", "admin-revoke-yes button-danger", t("admin.confirmRevokeYes"));
        yes.type = "button";
        const no = element("button", "admin-revoke-no", t("admin.confirmDeleteNo"));
        no.type = "button";
        no.addEventListener("click", () => { cell.replaceChildren(revoke); revoke.focus(); });
        yes.addEventListener("click", () => run(async () => {
          await server.api("POST", "/certificates/" + enc(item.id) + "/revoke");
          await load();
          say(t("admin.certificateRevokedDone", { learner: String(item.learner || item.username), code: String(item.code) }));
        }));
        confirm.append(question, " ", yes, " ", no);
        cell.replaceChildren(confirm);
        yes.focus();
      });
      cell.append(revoke);
      return cell;
    }

    async function run(task) {
      try {
        await task();
      } catch (error) {
        refuse(error.signedOut ? t("account.sessionEnded") : t("admin.refused", { detail: error.detail || String(error) }));
      }
    }

    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        state.page = 1;
        run(async () => { await load(); say(summary()); });
      });
    }
    await run(load);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(typeof window !== "undefined" ? window : globalThis);
