/* Lectern: announcements on the teaching page (teaching.html, with dashboard.js). For the course picked
 * above, its instructor (or an admin) writes an announcement to all its learners or to one class taking
 * it (POST /api/v1/courses/{slug}/announcements), sees those sent, and withdraws one (DELETE), which
 * takes it out of the learners' inboxes too. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, formatDateTime } = Lectern;
  const server = Lectern.server;

  function byId(id) {
    return document.getElementById(id);
  }

  let classes = [];
  let shown = "";

  async function render(slug) {
    const section = byId("lectern-announcements");
    const to = byId("lectern-announcement-to");
    const list = byId("lectern-announcement-list");
    if (!section || !to || !list || !slug) return;
    shown = slug;
    const everyone = element("option", "", t("announcements.everyone"));
    everyone.value = "";
    const taking = classes.filter((entry) => Array.isArray(entry.courses) && entry.courses.includes(slug));
    to.replaceChildren(everyone, ...taking.map((entry) => {
      const option = element("option", "", t("announcements.toClass", { name: String(entry.name) }));
      option.value = String(entry.id);
      return option;
    }));
    section.hidden = false;
    const answer = await server.api("GET", "/courses/" + server.enc(slug) + "/announcements?page_size=20");
    if (shown !== slug) return;
    const items = Array.isArray(answer.items) ? answer.items : [];
    list.replaceChildren(items.length === 0 ? element("p", "dashboard-empty", t("announcements.none")) : element("ul", "announcement-items"));
    for (const entry of items) {
      const row = element("li", "announcement-item");
      row.append(element("p", "announcement-title", String(entry.title)));
      if (entry.body) row.append(element("p", "announcement-body", String(entry.body)));
      const named = classes.find((group) => group.id === entry.class_id);
      row.append(element("p", "announcement-meta", t("announcements.sent", {
        date: formatDateTime(new Date(String(entry.created_at))), author: String(entry.author || ""),
        to: named ? String(named.name) : t("announcements.everyone") }) + " · " + tn("announcements.recipients", Number(entry.recipients) || 0)));
      const remove = element("button", "announcement-delete", t("announcements.delete"));
      remove.type = "button";
      remove.setAttribute("aria-label", t("announcements.deleteOf", { title: String(entry.title) }));
      remove.addEventListener("click", async () => {
        if (!global.confirm(t("announcements.deleteConfirm", { title: String(entry.title) }))) return;
        remove.disabled = true;
        try {
          await server.api("DELETE", "/courses/" + server.enc(slug) + "/announcements/" + server.enc(String(entry.id)));
          await render(slug);
        } catch (error) {
          byId("lectern-announcement-error").textContent = String(error.detail || error);
          remove.disabled = false;
        }
      });
      row.append(remove);
      list.firstChild.append(row);
    }
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "teaching") return;
    if (!(await server.detect()) || !server.auth() || !server.isStaff(server.auth())) return;
    const select = byId("lectern-teaching-course");
    const form = byId("lectern-announcement-form");
    if (!select || !form) return;
    try {
      const listed = await server.api("GET", "/classes?page_size=100");
      classes = listed && Array.isArray(listed.items) ? listed.items : [];
    } catch (error) {
      classes = [];
    }
    const show = () => render(select.value).catch((error) => {
      byId("lectern-announcement-error").textContent = String(error.detail || error);
    });
    // dashboard.js fills the course picker once the courses are known, and keeps the choice in ?course=.
    new MutationObserver(show).observe(select, { childList: true });
    select.addEventListener("change", show);
    if (select.value) show();
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const error = byId("lectern-announcement-error");
      const status = byId("lectern-announcement-status");
      const title = byId("lectern-announcement-title");
      const body = byId("lectern-announcement-body");
      const to = byId("lectern-announcement-to");
      server.showFormErrors(form, []);
      status.textContent = "";
      if (!title.value.trim()) {
        server.showFormErrors(form, [[title, t("announcements.titleMissing")]]);
        return;
      }
      server.setFormBusy(form, true);
      try {
        const request = { title: title.value, body: body.value };
        if (to.value) request.class_id = Number(to.value);
        const sent = await server.api("POST", "/courses/" + server.enc(select.value) + "/announcements", request);
        status.textContent = tn("announcements.sentTo", Number(sent.recipients) || 0);
        title.value = "";
        body.value = "";
        await render(select.value);
      } catch (problem) {
        error.textContent = String(problem.detail || problem);
      } finally {
        server.setFormBusy(form, false);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
