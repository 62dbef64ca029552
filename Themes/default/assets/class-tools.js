/* Lectern: the teaching page's class tools (teaching.html, with dashboard.js). When a class is picked,
 * its instructor (or an admin) sees its learners, gives one who forgot their password a first-use
 * password to write down (POST /api/v1/users/{id}/password with {}), and prints the class's sign-in
 * cards (POST /api/v1/classes/{id}/sign-in-cards), after a confirmation: every card replaces a password. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, dataTable } = Lectern;
  const server = Lectern.server;
  const who = server.nameWithUsername;

  function byId(id) {
    return document.getElementById(id);
  }

  async function show(classID) {
    const section = byId("lectern-teaching-class-tools");
    const holder = byId("lectern-teaching-class-learners");
    const status = byId("lectern-teaching-class-status");
    const alert = byId("lectern-teaching-class-error");
    if (!section || !holder) return;
    status.textContent = "";
    alert.textContent = "";
    if (!classID) { section.hidden = true; return; }
    let detail;
    try {
      detail = await server.api("GET", "/classes/" + server.enc(classID));
    } catch (error) {
      section.hidden = true;   // not this account's class to manage (an instructor of the course, not of the class)
      return;
    }
    byId("lectern-teaching-class-tools-heading").textContent = t("teaching.classToolsHeading", { name: String(detail.name) });
    const learners = (Array.isArray(detail.members) ? detail.members : []);
    const rows = learners.map((learner) => {
      const cell = element("span", "class-tools-password");
      const button = element("button", "class-tools-reset", t("teaching.firstUsePassword"));
      button.type = "button";
      button.setAttribute("aria-label", t("teaching.firstUsePasswordFor", { name: who(learner) }));
      button.addEventListener("click", async () => {
        button.disabled = true;
        alert.textContent = "";
        try {
          const answer = await server.api("POST", "/users/" + server.enc(String(learner.id)) + "/password", {});
          cell.textContent = String(answer.password);
          status.textContent = t("teaching.firstUsePasswordMade", { name: who(learner) });
        } catch (error) {
          alert.textContent = String(error.detail || error);
        } finally {
          button.disabled = false;
        }
      });
      const actions = element("span", "class-tools-actions");
      actions.append(button, cell);
      return [who(learner), String(learner.username), actions];
    });
    holder.replaceChildren(learners.length === 0 ? element("p", "dashboard-empty", t("teaching.classNoLearners"))
      : dataTable(t("teaching.classLearnersTable", { name: String(detail.name) }), [t("teaching.learner"), t("admin.cardUsername"), t("admin.cardPassword")], rows));
    const cards = byId("lectern-teaching-class-cards");
    cards.hidden = learners.length === 0;
    cards.textContent = t("teaching.classCards", { name: String(detail.name) });
    cards.onclick = async () => {
      if (!global.confirm(tn("admin.cardsConfirm", learners.length))) return;
      cards.disabled = true;
      alert.textContent = "";
      try {
        const labels = { username: t("admin.cardUsername"), password: t("admin.cardPassword"),
          password_note: t("admin.cardPasswordNote"), sign_in_at: t("admin.cardSignInAt") };
        const response = await server.response("POST", "/classes/" + server.enc(classID) + "/sign-in-cards", { labels },
          { accept: "application/pdf, application/json" });
        if (!response.ok) await server.readAnswer(response);   // throws the server's `detail`
        server.saveBlob(await response.blob(), "sign-in-cards.pdf");
        status.textContent = tn("admin.cardsMade", learners.length);
      } catch (error) {
        alert.textContent = String(error.detail || error);
      } finally {
        cards.disabled = false;
      }
    };
    section.hidden = false;
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "teaching") return;
    if (!(await server.detect()) || !server.auth()) return;
    const select = byId("lectern-teaching-class");
    if (!select) return;
    // dashboard.js fills the picker; it keeps the class in ?class=.
    select.addEventListener("change", () => show(select.value));
    const initial = new URLSearchParams(global.location.search).get("class");
    if (initial) show(initial);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
