/* The administration page of sites served by `lectern serve` (admin.html), for the server's administrators:
 * the accounts (GET /api/v1/users, searched and paged; approve, change the role, disable or re-enable with
 * PATCH /api/v1/users/{id}, delete with DELETE /api/v1/users/{id}) and the security activity log
 * (GET /api/v1/activity-log, by type and dates). Only that page loads this file (theme.json
 * `rootPageScripts`), after lectern.js, whose window.Lectern gives the API client, the strings, tables,
 * paging and notices.
 *
 * The server has the last word on every change: what it refuses (an administrator demoting, disabling or
 * deleting themselves: 409) is said in the section's alert region, and the table is always redrawn from
 * what the server answers next. After an action, focus goes back to the same account's row (or to the row
 * that took its place), so keyboard and screen reader users keep their place. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, formatNumber, formatDateTime, dataTable, pageUI, pagination, roleName } = Lectern;
  const server = Lectern.server;
  const who = server.nameWithUsername;
  const enc = server.enc;

  const PAGE_SIZE = 20;           // accounts per page of the table
  const SCAN_PAGE_SIZE = 100;     // the API's largest page, to read every account
  const SCAN_PAGES = 50;          // at most this many pages are read (5,000 accounts)
  const LOG_LIMIT = 100;          // the latest events shown
  const ROLES = ["student", "instructor", "admin"];

  function byId(id) {
    return document.getElementById(id);
  }

  /** Text isolated from the page's direction: usernames, emails and addresses stay readable on RTL pages. */
  function isolated(text) {
    return element("bdi", "", String(text));
  }

  /** An instructor account an administrator has not approved yet (only instructors need approval). */
  function isPending(user) {
    return user.role === "instructor" && user.approved === false;
  }

  /** A section's two live regions: what happened (status) and what the server refused (alert). */
  function messages(statusId, errorId) {
    const status = byId(statusId);
    const alert = byId(errorId);
    return {
      say(text) {
        if (alert) alert.textContent = "";
        if (status) status.textContent = text || "";
      },
      refuse(text) {
        if (status) status.textContent = "";
        if (alert) alert.textContent = text || "";
      }
    };
  }

  /** Every account of a search, a page of 100 at a time (for the "awaiting approval" filter and the log's names). */
  async function allAccounts(search) {
    const accounts = [];
    for (let page = 1, pages = 1; page <= pages && page <= SCAN_PAGES; page += 1) {
      const answer = await server.api("GET", "/users?page_size=" + SCAN_PAGE_SIZE + "&page=" + page + (search ? "&search=" + enc(search) : ""));
      accounts.push(...(Array.isArray(answer.items) ? answer.items : []));
      pages = Number(answer.pages) || 1;
    }
    return accounts;
  }

  /* ---------------------------------------------------------------- Start */

  async function start() {
    if (!document.body || document.body.dataset.page !== "admin") return;
    const ui = pageUI("lectern-admin");
    if (!(await server.detect())) { ui.show("no-server"); return; }
    const auth = server.auth();
    if (!auth) { ui.show("signed-out"); return; }
    if (!server.isAdmin(auth)) { ui.show("not-admin"); return; }
    ui.say(t("admin.loading"));
    try {
      const log = activityLog(ui);
      const accounts = accountsTable(ui, auth.user.id, () => log.refresh());
      await Promise.all([accounts.load(), log.load()]);
      ui.say("");
    } catch (error) {
      failed(ui, error);
    }
  }

  /** A failure of the whole page: the session is gone, the account is no longer an administrator (403), or
   *  the server did not answer. */
  function failed(ui, error) {
    ui.say("");
    if (error.signedOut) { hideSections(); ui.show("signed-out"); return; }
    if (error.status === 403) { hideSections(); ui.show("not-admin"); return; }
    ui.say(t("admin.error", { detail: error.detail || String(error) }));
    if (global.console) global.console.error("Lectern:", error);
  }

  function hideSections() {
    for (const id of ["lectern-admin-accounts", "lectern-admin-activity"]) {
      const section = byId(id);
      if (section) section.hidden = true;
    }
  }

  /* ---------------------------------------------------------------- Accounts */

  /** The accounts section. `myId` is the signed-in administrator (marked "you"); `changed` runs after every
   *  change, so the activity log shows it. */
  function accountsTable(ui, myId, changed) {
    const section = byId("lectern-admin-accounts");
    const form = byId("lectern-admin-search-form");
    const searchBox = byId("lectern-admin-search");
    const pendingBox = byId("lectern-admin-pending");
    const holder = byId("lectern-admin-users");
    const nav = byId("lectern-admin-pages");
    const heading = byId("lectern-admin-accounts-heading");
    const tell = messages("lectern-admin-accounts-status", "lectern-admin-accounts-error");
    const state = { search: "", pendingOnly: false, page: 1, pages: 1, total: 0, users: [] };
    const rows = new Map();   // account id → its row, after each drawing

    async function load() {
      if (state.pendingOnly) {
        // The API has no such filter: read every account of the search and keep those awaiting approval.
        state.users = (await allAccounts(state.search)).filter(isPending);
        state.page = 1;
        state.pages = 1;
        state.total = state.users.length;
      } else {
        const answer = await server.api("GET", "/users?page_size=" + PAGE_SIZE + "&page=" + state.page + (state.search ? "&search=" + enc(state.search) : ""));
        state.users = Array.isArray(answer.items) ? answer.items : [];
        state.pages = Math.max(1, Number(answer.pages) || 1);
        state.total = Number(answer.total) || 0;
        // The last account of the last page was deleted: show the page before.
        if (state.users.length === 0 && state.page > state.pages) {
          state.page = state.pages;
          return load();
        }
      }
      // Accounts awaiting approval first (a stable sort keeps the server's order otherwise).
      state.users.sort((a, b) => Number(isPending(b)) - Number(isPending(a)));
      draw();
      if (section) section.hidden = false;
    }

    function summary() {
      if (state.pendingOnly) return state.total === 0 ? t("admin.noPending") : tn("admin.pendingCount", state.total);
      if (state.total === 0) return t("admin.noAccounts");
      const first = (state.page - 1) * PAGE_SIZE + 1;
      return tn("admin.showing", state.total, { from: formatNumber(first), to: formatNumber(first + state.users.length - 1) });
    }

    function draw() {
      rows.clear();
      if (!holder) return;
      if (state.users.length === 0) {
        holder.replaceChildren(element("p", "dashboard-empty", summary()));
      } else {
        const cells = state.users.map((user) => [nameCell(user), isolated(user.username), isolated(user.email), roleCell(user),
          statusText(user), actionsCell(user)]);
        const table = dataTable(t(state.pendingOnly ? "admin.pendingTable" : "admin.accountsTable"),
          [t("admin.name"), t("account.username"), t("account.email"), t("account.role"), t("admin.status"), t("admin.actions")], cells);
        table.querySelectorAll("tbody tr").forEach((row, index) => {
          row.dataset.userId = String(state.users[index].id);
          if (isPending(state.users[index])) row.classList.add("is-pending");
          rows.set(state.users[index].id, row);
        });
        holder.replaceChildren(table);
      }
      if (nav) {
        pagination(nav, state.page, state.pendingOnly ? 1 : state.pages, (page) => {
          state.page = page;
          run(async () => {
            await load();
            tell.say(summary());
            const region = holder && holder.querySelector(".table-scroll");
            if (region) region.focus();
          });
        });
      }
    }

    function nameCell(user) {
      const cell = element("span", "admin-name");
      cell.append(isolated(String(user.name || "").trim() || user.username));
      if (user.id === myId) cell.append(" ", element("span", "admin-you", t("admin.you")));
      return cell;
    }

    function statusText(user) {
      const parts = [t(user.active === false ? "admin.statusDisabled" : "admin.statusActive")];
      if (isPending(user)) parts.push(t("admin.statusPending"));
      return parts.join(t("admin.statusSeparator"));
    }

    /** The role as a select with its own Change button: changing a select alone must not act, since
     *  keyboards change it while moving through the options. */
    function roleCell(user) {
      const cell = element("span", "admin-role");
      const id = "lectern-admin-role-" + user.id;
      const label = element("label", "visually-hidden", t("admin.roleOf", { name: who(user) }));
      label.htmlFor = id;
      const select = element("select", "admin-role-select");
      select.id = id;
      for (const role of ROLES) {
        const option = element("option", "", roleName(role));
        option.value = role;
        select.append(option);
      }
      select.value = user.role;
      const button = actionButton("admin-change-role", t("admin.changeRole"), t("admin.changeRoleOf", { name: who(user) }));
      button.addEventListener("click", () => {
        if (select.value === user.role) { tell.say(t("admin.roleUnchanged", { name: who(user), role: roleName(user.role) })); return; }
        const role = select.value;
        change(user, { role }, t("admin.roleChanged", { name: who(user), role: roleName(role) }), ".admin-role-select", button)
          .then((done) => { if (!done) select.value = user.role; });
      });
      cell.append(label, select, " ", button);
      return cell;
    }

    function actionsCell(user) {
      const cell = element("div", "admin-actions");
      if (isPending(user)) {
        const approve = actionButton("admin-approve button-primary", t("admin.approve"), t("admin.approveOf", { name: who(user) }));
        approve.addEventListener("click", () => change(user, { approved: true }, t("admin.approved", { name: who(user) }), ".admin-disable", approve));
        cell.append(approve);
      }
      if (user.active === false) {
        const enable = actionButton("admin-enable", t("admin.enable"), t("admin.enableOf", { name: who(user) }));
        enable.addEventListener("click", () => change(user, { active: true }, t("admin.enabled", { name: who(user) }), ".admin-disable", enable));
        cell.append(enable);
      } else {
        const disable = actionButton("admin-disable", t("admin.disable"), t("admin.disableOf", { name: who(user) }));
        disable.addEventListener("click", () => change(user, { active: false }, t("admin.disabled", { name: who(user) }), ".admin-enable", disable));
        cell.append(disable);
      }
      if (user.id !== myId) cell.append(...passwordControls(user));
      cell.append(...deleteControls(user));
      return cell;
    }

    /** "Reset password" opens a small form for the new password, for a learner who forgot theirs (kiosks
     *  send no email). Refusals by the password rules are said in the page's language. */
    function passwordControls(user) {
      const button = actionButton("admin-password-button", t("admin.resetPassword"), t("admin.resetPasswordOf", { name: who(user) }));
      const form = element("form", "admin-password-form");
      form.hidden = true;
      form.noValidate = true;
      const id = "lectern-admin-password-" + user.id;
      const label = element("label", "", t("admin.newPasswordFor", { name: who(user) }));
      label.htmlFor = id;
      const input = element("input", "");
      input.type = "password";
      input.id = id;
      input.autocomplete = "new-password";
      const set = element("button", "admin-password-set button-primary", t("admin.setPassword"));
      set.type = "submit";
      // Or a first-use password made by the server, said here to be told or written down: the learner
      // must choose their own at the next sign-in.
      const firstUse = actionButton("admin-password-first-use", t("admin.firstUsePassword"), t("admin.firstUsePasswordOf", { name: who(user) }));
      const cancel = actionButton("admin-password-cancel", t("admin.confirmDeleteNo"));
      const buttons = element("p", "admin-confirm-actions");
      buttons.append(set, " ", firstUse, " ", cancel);
      form.append(label, input, buttons);
      const close = () => {
        form.hidden = true;
        input.value = "";
        button.setAttribute("aria-expanded", "false");
        button.focus();
      };
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", () => {
        form.hidden = false;
        button.setAttribute("aria-expanded", "true");
        input.focus();
      });
      cancel.addEventListener("click", close);
      firstUse.addEventListener("click", async () => {
        firstUse.disabled = true;
        tell.say(t("admin.saving"));
        try {
          const answer = await server.api("POST", "/users/" + enc(user.id) + "/password", {});
          close();
          tell.say(t("admin.firstUsePasswordIs", { name: who(user), password: answer.password }));
          changed();
        } catch (error) {
          refused(error);
        } finally {
          firstUse.disabled = false;
        }
      });
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        set.disabled = true;
        tell.say(t("admin.saving"));
        try {
          await server.api("POST", "/users/" + enc(user.id) + "/password", { new_password: input.value });
          close();
          tell.say(t("admin.passwordReset", { name: who(user) }));
          changed();
        } catch (error) {
          if (error.signedOut || error.status === 403) failed(ui, error);
          else tell.refuse(server.problemText(error));
          input.focus();
        } finally {
          set.disabled = false;
        }
      });
      return [button, form];
    }

    /** Delete and the confirmation it opens, which says what deleting does; Cancel gives focus back to Delete. */
    function deleteControls(user) {
      const button = actionButton("admin-delete-button", t("admin.delete"), t("admin.deleteOf", { name: who(user) }));
      const confirm = element("div", "admin-confirm");
      confirm.hidden = true;
      confirm.setAttribute("role", "group");
      const question = element("p", "", t("admin.confirmDelete", { name: who(user) }));
      question.id = "lectern-admin-confirm-" + user.id;
      confirm.setAttribute("aria-labelledby", question.id);
      const yes = actionButton("admin-delete-yes", t("admin.confirmDeleteYes"));
      const no = actionButton("admin-delete-no", t("admin.confirmDeleteNo"));
      const buttons = element("p", "admin-confirm-actions");
      buttons.append(yes, " ", no);
      confirm.append(question, buttons);
      button.addEventListener("click", () => {
        confirm.hidden = false;
        button.setAttribute("aria-expanded", "true");
        yes.focus();
      });
      no.addEventListener("click", () => {
        confirm.hidden = true;
        button.setAttribute("aria-expanded", "false");
        button.focus();
      });
      yes.addEventListener("click", () => remove(user, yes, () => {
        confirm.hidden = true;
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }));
      button.setAttribute("aria-expanded", "false");
      return [button, confirm];
    }

    /** Sends a change; on success redraws and focuses `focusSelector` in the account's row. Resolves to
     *  whether the server accepted it. */
    async function change(user, body, done, focusSelector, button) {
      button.disabled = true;
      tell.say(t("admin.saving"));
      try {
        await server.api("PATCH", "/users/" + enc(user.id), body);
      } catch (error) {
        button.disabled = false;
        refused(error);
        return false;
      }
      await run(async () => {
        await load();
        tell.say(done);
        // The row may have left the table (approved while only those awaiting approval are shown).
        if (!focusRow(user.id, focusSelector) && heading) heading.focus();
        changed();
      });
      return true;
    }

    async function remove(user, button, cancel) {
      button.disabled = true;
      tell.say(t("admin.deleting"));
      const index = state.users.indexOf(user);
      try {
        await server.api("DELETE", "/users/" + enc(user.id));
      } catch (error) {
        button.disabled = false;
        refused(error);
        cancel();
        return;
      }
      await run(async () => {
        await load();
        tell.say(t("admin.deleted", { name: who(user) }));
        // The row is gone: focus the account that took its place, or the section's heading.
        const next = state.users[Math.min(index, state.users.length - 1)];
        if (!next || !focusRow(next.id, ".admin-delete-button")) { if (heading) heading.focus(); }
        changed();
      });
    }

    function focusRow(id, selector) {
      const row = rows.get(id);
      const target = row && (row.querySelector(selector) || row.querySelector("button"));
      if (target) target.focus();
      return Boolean(target);
    }

    function refused(error) {
      if (error.signedOut || error.status === 403) { failed(ui, error); return; }
      tell.refuse(t("admin.refused", { detail: error.detail || String(error) }));
    }

    /** Runs a reload; its failure is said like a refusal. */
    async function run(task) {
      try {
        await task();
      } catch (error) {
        refused(error);
      }
    }

    cardControls();

    /** "Sign-in cards": a PDF with a card for each student shown, after a confirmation that says their
     *  passwords are replaced by first-use ones. A class's cards come from the class's own page. */
    function cardControls() {
      const button = byId("lectern-admin-cards-button");
      const confirm = byId("lectern-admin-cards-confirm");
      const question = byId("lectern-admin-cards-question");
      const yes = byId("lectern-admin-cards-yes");
      const no = byId("lectern-admin-cards-no");
      if (!button || !confirm || !yes || !no) return;
      const students = () => state.users.filter((user) => user.role === "student" && user.id !== myId && user.active !== false);
      const close = () => {
        confirm.hidden = true;
        button.setAttribute("aria-expanded", "false");
        button.focus();
      };
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", () => {
        const count = students().length;
        if (count === 0) { tell.refuse(t("admin.cardsNone")); return; }
        if (question) question.textContent = tn("admin.cardsConfirm", count);
        confirm.hidden = false;
        button.setAttribute("aria-expanded", "true");
        yes.focus();
      });
      no.addEventListener("click", close);
      yes.addEventListener("click", async () => {
        const chosen = students();
        yes.disabled = true;
        tell.say(t("admin.cardsMaking"));
        try {
          // The cards' labels in the page's language (the server prints English where its font cannot set them).
          const labels = { username: t("admin.cardUsername"), password: t("admin.cardPassword"),
            password_note: t("admin.cardPasswordNote"), sign_in_at: t("admin.cardSignInAt") };
          const response = await server.response("POST", "/admin/sign-in-cards", { user_ids: chosen.map((user) => user.id), labels },
            { accept: "application/pdf, application/json" });
          if (!response.ok) await server.readAnswer(response); // throws the server's `detail`
          server.saveBlob(await response.blob(), "sign-in-cards.pdf");
          close();
          tell.say(tn("admin.cardsMade", chosen.length));
          changed();
        } catch (error) {
          close();
          refused(error);
        } finally {
          yes.disabled = false;
        }
      });
    }

    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        state.search = searchBox ? searchBox.value.trim() : "";
        state.pendingOnly = Boolean(pendingBox && pendingBox.checked);
        state.page = 1;
        run(async () => { await load(); tell.say(summary()); });
      });
    }
    // The checkbox filters at once; the search box waits for Enter or the Search button.
    if (pendingBox) {
      pendingBox.addEventListener("change", () => {
        state.pendingOnly = pendingBox.checked;
        state.page = 1;
        run(async () => { await load(); tell.say(summary()); });
      });
    }
    return { load };
  }

  /** A button; with `label`, the name screen readers hear (it starts with the visible text, e.g. "Disable
   *  Maria Silva (maria)"), since every row has the same buttons. */
  function actionButton(className, text, label) {
    const button = element("button", className, text);
    button.type = "button";
    if (label) button.setAttribute("aria-label", label);
    return button;
  }

  /* ---------------------------------------------------------------- Activity log */

  function activityLog(ui) {
    const section = byId("lectern-admin-activity");
    const form = byId("lectern-admin-log-form");
    const type = byId("lectern-admin-log-type");
    const from = byId("lectern-admin-log-from");
    const to = byId("lectern-admin-log-to");
    const holder = byId("lectern-admin-log");
    const tell = messages("lectern-admin-log-status", "lectern-admin-log-error");
    let names = null;   // account id → username, read once per page view and again after account changes
    let latest = 0;     // the newest request: an older answer arriving after it is not drawn

    /** A date field's day as seconds since 1970, at its start (or end) in this computer's time zone. */
    function day(input, end) {
      const match = input && /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
      if (!match) return null;
      const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (end ? 1 : 0));
      return Math.floor(date.getTime() / 1000) - (end ? 1 : 0);
    }

    async function load() {
      const ticket = ++latest;
      const params = new URLSearchParams({ page_size: String(LOG_LIMIT) });
      if (type && type.value) params.set("type", type.value);
      const start = day(from, false);
      const end = day(to, true);
      for (const input of [from, to]) if (input) input.removeAttribute("aria-invalid");
      if (start !== null && end !== null && start > end) {
        tell.refuse(t("admin.logRangeError"));
        from.setAttribute("aria-invalid", "true");
        from.focus();
        return false;
      }
      if (start !== null) params.set("from", String(start));
      if (end !== null) params.set("to", String(end));
      const events = await server.api("GET", "/activity-log?" + params.toString());
      if (!names) names = new Map((await allAccounts("")).map((user) => [user.id, user.username]));
      if (ticket !== latest) return true;
      draw(events && Array.isArray(events.items) ? events.items : []);
      if (section) section.hidden = false;
      return true;
    }

    function draw(events) {
      if (!holder) return;
      if (events.length === 0) {
        holder.replaceChildren(element("p", "dashboard-empty", t("admin.logEmpty")));
        return;
      }
      const rows = events.map((event) => [timeCell(event.at), eventName(event.type), accountCell(event.user_id),
        event.detail ? isolated(event.detail) : "", event.address ? isolated(event.address) : ""]);
      holder.replaceChildren(dataTable(t("admin.logTable"),
        [t("admin.logTime"), t("admin.logType"), t("admin.logAccount"), t("admin.logDetail"), t("admin.logAddress")], rows));
      if (events.length >= LOG_LIMIT) holder.append(element("p", "hint", t("admin.logLimit", { count: formatNumber(LOG_LIMIT) })));
    }

    function timeCell(value) {
      const date = new Date(Lectern.timeOf(value));
      const time = element("time", "", formatDateTime(date));
      time.dateTime = date.toISOString();
      return time;
    }

    function eventName(code) {
      const key = "admin.eventType." + String(code).replace(/\.(\w)/g, (match, letter) => letter.toUpperCase());
      const name = t(key);
      return name === key ? String(code) : name;
    }

    function accountCell(id) {
      if (id === undefined || id === null) return "";
      return names && names.has(id) ? isolated(names.get(id)) : t("admin.logAccountId", { id: formatNumber(id) });
    }

    if (form) {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        tell.say(t("admin.logLoading"));
        try {
          if (await load()) {
            const count = holder ? holder.querySelectorAll("tbody tr").length : 0;
            tell.say(count === 0 ? t("admin.logEmpty") : tn("admin.logCount", count));
          }
        } catch (error) {
          if (error.signedOut || error.status === 403) failed(ui, error);
          else tell.refuse(t("admin.logError", { detail: error.detail || String(error) }));
        }
      });
    }
    return {
      load,
      /** After an account change: names may have changed (a deletion anonymises), and there is a new event. */
      refresh() {
        names = null;
        load().catch((error) => tell.refuse(t("admin.logError", { detail: error.detail || String(error) })));
      }
    };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(typeof window !== "undefined" ? window : globalThis);
