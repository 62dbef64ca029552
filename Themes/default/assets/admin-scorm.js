/* Lectern: the administration page's SCORM section (admin.html, with admin.js). Lists the hosted packages
 * (GET /api/v1/scorm-packages), uploads a ZIP as the raw request body (POST /api/v1/scorm-packages: the
 * server checks it before extracting anything and says why it refuses one) and removes one (DELETE), the
 * Remove button asking once more before it does. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, dataTable, formatDateTime } = Lectern;
  const server = Lectern.server;

  function byId(id) {
    return document.getElementById(id);
  }

  function say(status, problem) {
    byId("lectern-admin-scorm-status").textContent = status || "";
    byId("lectern-admin-scorm-error").textContent = problem || "";
  }

  function removeButton(item) {
    const button = element("button", "admin-scorm-remove", t("admin.scormRemove"));
    button.type = "button";
    button.dataset.id = String(item.id);
    button.addEventListener("click", async () => {
      // The first press asks; the second removes.
      if (button.dataset.armed !== "yes") {
        button.dataset.armed = "yes";
        button.textContent = t("admin.scormRemoveConfirm", { title: item.title });
        return;
      }
      button.disabled = true;
      try {
        await server.api("DELETE", "/scorm-packages/" + encodeURIComponent(item.id));
        say(t("admin.scormRemoved", { title: item.title }));
        await showList();
        byId("lectern-admin-scorm-heading").focus();
      } catch (error) {
        button.disabled = false;
        say("", t("admin.error", { detail: error.detail || String(error) }));
      }
    });
    return button;
  }

  async function showList() {
    const items = (await server.api("GET", "/scorm-packages")) || [];
    const holder = byId("lectern-admin-scorm-list");
    if (items.length === 0) {
      holder.replaceChildren(element("p", "", t("admin.scormNone")));
      return;
    }
    holder.replaceChildren(dataTable(t("admin.scormTable"),
      [t("admin.scormTitle"), t("admin.scormEdition"), t("admin.scormScos"), t("admin.scormAdded"), ""],
      items.map((item) => [item.title, item.edition === "scorm2004" ? "SCORM 2004" : "SCORM 1.2", (item.scos || []).length,
        formatDateTime(new Date(item.created_at)), removeButton(item)])));
  }

  async function upload(form) {
    const input = byId("lectern-admin-scorm-file");
    const file = input.files && input.files[0];
    if (!file) return;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(t("admin.scormUploading", { name: file.name }));
    try {
      const blob = file.type ? file : new Blob([file], { type: "application/zip" });
      const hosted = await server.api("POST", "/scorm-packages", blob);
      say(t("admin.scormUploaded", { title: hosted.title }));
      form.reset();
      await showList();
    } catch (error) {
      say("", t("admin.scormRefused", { detail: error.detail || String(error) }));
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "admin") return;
    if (!(await server.detect())) return;
    const auth = server.auth();
    if (!auth || !server.isAdmin(auth)) return;
    try {
      await showList();
    } catch (error) {
      // admin.js says what went wrong with the page as a whole (signed out, no longer an administrator).
      if (global.console) global.console.warn("Lectern:", error);
      return;
    }
    byId("lectern-admin-scorm-heading").tabIndex = -1;
    byId("lectern-admin-scorm").hidden = false;
    const form = byId("lectern-admin-scorm-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      upload(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
