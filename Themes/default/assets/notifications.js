/* Lectern's inbox page (notifications.html, on a site served by `lectern serve`): the account's
 * notifications, newest first, each worded in the page's language from its kind, with a link and
 * "Mark as read"; "Mark all as read"; "Show more" pages through older ones. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, formatDateTime, pageUI } = Lectern;
  const server = Lectern.server;
  const PAGE_SIZE = 20;

  function byId(id) {
    return document.getElementById(id);
  }

  /** The notification's sentence: the course and subject filled into the kind's words. */
  function sentence(note) {
    const values = { course: String(note.course_title || note.course || ""), subject: String(note.subject || "") };
    const key = "inbox.kind." + String(note.kind);
    return Lectern.hasString(key) ? t(key, values) : values.subject || String(note.kind);
  }

  function item(note, root, onRead) {
    const unread = !note.read_at;
    const entry = element("li", "inbox-item" + (unread ? " inbox-unread" : ""));
    entry.dataset.id = String(note.id);
    const heading = element("p", "inbox-text");
    if (unread) heading.append(element("span", "visually-hidden", t("inbox.unread") + " "));
    if (note.link) {
      const link = element("a", "", sentence(note));
      // Links are the server's own site paths; anything else is shown as text.
      link.href = /^[a-z0-9][a-z0-9./_#-]*$/i.test(String(note.link)) ? root + String(note.link) : root + "index.html";
      link.addEventListener("click", () => { if (unread) onRead(note, entry, true); });
      heading.append(link);
    } else {
      heading.append(document.createTextNode(sentence(note)));
    }
    entry.append(heading);
    if (note.detail) entry.append(element("p", "inbox-detail", String(note.detail)));
    const when = element("p", "inbox-when", formatDateTime(new Date(String(note.created_at))));
    entry.append(when);
    if (unread) {
      const button = element("button", "inbox-mark", t("inbox.markRead"));
      button.type = "button";
      button.setAttribute("aria-label", t("inbox.markReadOf", { text: sentence(note) }));
      button.addEventListener("click", () => onRead(note, entry, false));
      entry.append(button);
    }
    return entry;
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "notifications") return;
    const ui = pageUI("lectern-inbox");
    if (!(await server.detect())) { ui.show("no-server"); return; }
    if (!server.auth()) { ui.show("signed-out"); return; }
    const list = byId("lectern-inbox-list");
    const actions = byId("lectern-inbox-actions");
    const moreHolder = byId("lectern-inbox-more-holder");
    const root = server.siteRootHref(Lectern.pageInfo());
    let page = 0;

    const markRead = async (note, entry, following) => {
      try {
        const request = server.api("POST", "/notifications/" + server.enc(String(note.id)) + "/read");
        // A followed link leaves the page: the request is sent, its answer not awaited.
        if (following) return;
        await request;
        note.read_at = new Date().toISOString();
        entry.replaceWith(item(note, root, markRead));
        await server.refreshUnread();
      } catch (error) {
        ui.say(String(error.detail || error));
      }
    };

    const load = async () => {
      page += 1;
      ui.say(t("inbox.loading"));
      const answer = await server.api("GET", "/notifications?page=" + page + "&page_size=" + PAGE_SIZE);
      const items = Array.isArray(answer.items) ? answer.items : [];
      list.append(...items.map((note) => item(note, root, markRead)));
      ui.say(Number(answer.total) === 0 ? t("inbox.empty") : "");
      if (actions) actions.hidden = !(Number(answer.unread) > 0);
      if (moreHolder) moreHolder.hidden = page >= Number(answer.pages);
      server.showUnread(Number(answer.unread) || 0);
    };

    const readAll = byId("lectern-inbox-read-all");
    if (readAll) {
      readAll.addEventListener("click", async () => {
        readAll.disabled = true;
        try {
          await server.api("POST", "/notifications/read-all");
          list.replaceChildren();
          page = 0;
          await load();
          ui.say(t("inbox.allRead"));
        } catch (error) {
          ui.say(String(error.detail || error));
        } finally {
          readAll.disabled = false;
        }
      });
    }
    const more = byId("lectern-inbox-more");
    if (more) more.addEventListener("click", () => load().catch((error) => ui.say(String(error.detail || error))));
    try {
      await load();
    } catch (error) {
      if (error.signedOut) { ui.say(""); ui.show("signed-out"); return; }
      ui.say(t("inbox.error", { detail: error.detail || String(error) }));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
