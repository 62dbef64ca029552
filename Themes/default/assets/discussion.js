/* Lectern: a lesson's (or the course home's) discussion on a site served by `lectern serve`, for a course
 * with `discussion: open | moderated`. Its learners and instructors see the topics, open one to read and
 * reply, and start one; instructors approve, hide, pin, lock and delete. Loaded after server.js on lesson
 * pages and the course home; without a signed-in participant (or with the discussion off) nothing shows.
 * Post bodies arrive as HTML the server rendered in its safe Markdown subset; titles and names are text. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, formatDateTime, timeOf } = Lectern;
  const server = Lectern.server;
  const enc = server.enc;

  const TITLE_MAX = 200;    // the server's limits (characters)
  const BODY_MAX = 5000;
  const EDIT_WINDOW_MS = 15 * 60 * 1000;   // an author may delete their post this long after writing it

  /** "Ada (ada) · 5 Dec 2026, 16:20" and the badges a post carries. */
  function byline(post) {
    const line = element("p", "discussion-byline",
      server.nameWithUsername(post) + " · " + formatDateTime(new Date(timeOf(post.created_at))));
    for (const [flag, key] of [[post.state === "pending", "discussion.pending"], [post.state === "hidden", "discussion.hidden"],
                               [post.pinned, "discussion.pinned"], [post.locked, "discussion.locked"], [!!post.edited_at, "discussion.edited"]]) {
      if (flag) line.append(" ", element("span", "discussion-badge", t(key)));
    }
    return line;
  }

  /** The post's body, as the server rendered it (raw HTML left out, script links emptied, no images). */
  function bodyOf(post) {
    const body = element("div", "discussion-body");
    body.innerHTML = String(post.html || "");
    return body;
  }

  function button(label, onClick, className) {
    const node = element("button", className || "discussion-action", label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  /** A form with a text area (and a title field for topics) that posts to `path`. */
  function postForm(kind, path, extra, after, say) {
    const form = element("form", "discussion-form discussion-form-" + kind);
    form.noValidate = true;
    const stamp = kind + "-" + Math.random().toString(36).slice(2, 8);
    let title = null;
    if (kind === "topic") {
      title = element("input");
      title.id = "lectern-discussion-title-" + stamp;
      title.name = "title";
      title.maxLength = TITLE_MAX;
      title.required = true;
      const label = element("label", "", t("discussion.titleLabel"));
      label.htmlFor = title.id;
      form.append(element("div", "field"));
      form.lastChild.append(label, title);
    }
    const body = element("textarea");
    body.id = "lectern-discussion-body-" + stamp;
    body.name = "body";
    body.rows = kind === "topic" ? 5 : 3;
    body.maxLength = BODY_MAX;
    body.required = true;
    const bodyLabel = element("label", "", t(kind === "topic" ? "discussion.bodyLabel" : "discussion.replyLabel"));
    bodyLabel.htmlFor = body.id;
    const field = element("div", "field");
    field.append(bodyLabel, body, element("p", "hint", t("discussion.markdownHint")));
    const error = element("p", "form-error");
    error.setAttribute("role", "alert");
    const submit = element("button", "button-primary", t(kind === "topic" ? "discussion.startTopic" : "discussion.reply"));
    submit.type = "submit";
    const actions = element("p", "form-actions");
    actions.append(submit);
    form.append(field, error, actions);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problems = [];
      if (title && !title.value.trim()) problems.push([title, t("discussion.titleMissing")]);
      if (!body.value.trim()) problems.push([body, t("discussion.bodyMissing")]);
      if (!server.showFormErrors(form, problems)) return;
      server.setFormBusy(form, true);
      try {
        const sent = Object.assign({ body: body.value }, extra, title ? { title: title.value } : {});
        const post = await server.api("POST", path, sent);
        form.reset();
        say(t(post.state === "pending" ? "discussion.waiting" : "discussion.posted"));
        await after(post);
      } catch (error) {
        server.showFormErrors(form, [[null, server.problemText(error)]]);
      } finally {
        server.setFormBusy(form, false);
      }
    });
    return form;
  }

  /** A post's delete button, after a confirmation; the list or thread is fetched again. */
  function deleteButton(post, refresh, say) {
    return button(t("discussion.delete"), async () => {
      if (!global.confirm(t("discussion.confirmDelete"))) return;
      try {
        await server.api("DELETE", "/discussion/" + enc(post.id));
        say(t("discussion.deleted"));
        await refresh();
      } catch (error) {
        say(server.problemText(error));
      }
    }, "discussion-action discussion-delete");
  }

  /** What a participant may do to a post: the staff moderate; its author may delete it for a while. */
  function actions(post, context, refresh) {
    if (context.staff) return moderation(post, refresh, context.say);
    const mine = post.user_id === context.userId && Date.now() - timeOf(post.created_at) < EDIT_WINDOW_MS;
    if (!mine) return null;
    const bar = element("p", "discussion-moderation");
    bar.append(button(t("discussion.edit"), () => editInPlace(post, bar, refresh, context.say)), deleteButton(post, refresh, context.say));
    return bar;
  }

  /** Replaces the author's buttons with a form to change the post's text (PATCH; a moderated course's post waits again). */
  function editInPlace(post, bar, refresh, say) {
    const form = element("form", "discussion-form discussion-form-edit");
    form.noValidate = true;
    const body = element("textarea");
    body.id = "lectern-discussion-edit-" + post.id;
    body.rows = 4;
    body.maxLength = BODY_MAX;
    body.value = String(post.body || "");
    const label = element("label", "", t("discussion.editLabel"));
    label.htmlFor = body.id;
    const field = element("div", "field");
    field.append(label, body);
    const error = element("p", "form-error");
    error.setAttribute("role", "alert");
    const save = element("button", "button-primary", t("discussion.save"));
    save.type = "submit";
    const actionsLine = element("p", "form-actions");
    actionsLine.append(save, " ", button(t("discussion.cancel"), () => { form.replaceWith(bar); }));
    form.append(field, error, actionsLine);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!server.showFormErrors(form, body.value.trim() ? [] : [[body, t("discussion.bodyMissing")]])) return;
      server.setFormBusy(form, true);
      try {
        const changed = await server.api("PATCH", "/discussion/" + enc(post.id), { body: body.value });
        say(t(changed.state === "pending" && post.state !== "pending" ? "discussion.waiting" : "discussion.saved"));
        await refresh();
      } catch (error) {
        server.showFormErrors(form, [[null, server.problemText(error)]]);
      } finally {
        server.setFormBusy(form, false);
      }
    });
    bar.replaceWith(form);
    body.focus();
  }

  /** The staff's buttons on a post: approve a waiting one, hide or show, pin and lock topics, delete. */
  function moderation(post, refresh, say) {
    const bar = element("p", "discussion-moderation");
    const change = (fields, done) => async () => {
      try {
        await server.api("PATCH", "/discussion/" + enc(post.id), fields);
        say(t(done));
        await refresh();
      } catch (error) {
        say(server.problemText(error));
      }
    };
    if (post.state === "pending") bar.append(button(t("discussion.approve"), change({ state: "published" }, "discussion.approved")));
    if (post.state === "published") bar.append(button(t("discussion.hide"), change({ state: "hidden" }, "discussion.hiddenDone")));
    if (post.state === "hidden") bar.append(button(t("discussion.show"), change({ state: "published" }, "discussion.shown")));
    if (post.topic_id === undefined) {
      bar.append(button(t(post.pinned ? "discussion.unpin" : "discussion.pin"), change({ pinned: !post.pinned }, "discussion.saved")));
      bar.append(button(t(post.locked ? "discussion.unlock" : "discussion.lock"), change({ locked: !post.locked }, "discussion.saved")));
    }
    bar.append(deleteButton(post, refresh, say));
    return bar;
  }

  /** One topic in the list: its title opens the thread (replies and the reply form) below it. */
  function topicView(topic, context) {
    const item = element("li", "discussion-topic");
    item.dataset.postId = String(topic.id);
    const heading = element("h3", "discussion-topic-title");
    const open = button(topic.title, () => toggle(), "discussion-open");
    open.setAttribute("aria-expanded", "false");
    heading.append(open);
    const count = element("p", "discussion-count", tn("discussion.replies", Number(topic.replies) || 0));
    const thread = element("div", "discussion-thread");
    thread.hidden = true;
    item.append(heading, byline(topic), count);
    const topicActions = actions(topic, context, context.refresh);
    if (topicActions) item.append(topicActions);
    item.append(thread);

    async function fill() {
      const answer = await server.api("GET", "/discussion/" + enc(topic.id));
      const current = answer.topic;
      const replies = element("ol", "discussion-replies");
      for (const reply of answer.replies) {
        const entry = element("li", "discussion-reply");
        entry.dataset.postId = String(reply.id);
        entry.append(byline(reply), bodyOf(reply));
        const replyActions = actions(reply, context, fill);
        if (replyActions) entry.append(replyActions);
        replies.append(entry);
      }
      thread.replaceChildren(bodyOf(current), replies);
      if (current.state === "published" && (!current.locked || context.staff)) {
        thread.append(postForm("reply", "/discussion/" + enc(topic.id) + "/replies", {}, async () => { await fill(); }, context.say));
      } else if (current.locked) {
        thread.append(element("p", "discussion-note", t("discussion.lockedNote")));
      }
    }

    async function toggle() {
      const opening = thread.hidden;
      if (opening) {
        try {
          await fill();
        } catch (error) {
          context.say(server.problemText(error));
          return;
        }
      }
      thread.hidden = !opening;
      open.setAttribute("aria-expanded", String(opening));
    }
    return item;
  }

  async function start() {
    const info = Lectern.pageInfo();
    if (info.page !== "lesson" && info.page !== "course") return;
    // The course's discussion key, written on the page when it was built: no request where it is off.
    if (!document.body.dataset.discussion) return;
    const auth = server.auth();
    const main = document.getElementById("lectern-main");
    if (!auth || !main) return;
    const slug = server.courseSlug(info);
    const lesson = info.page === "lesson" ? info.itemId : "";
    const listPath = "/courses/" + enc(slug) + "/discussion" + (lesson ? "?lesson=" + enc(lesson) : "");
    let first;
    try {
      first = await server.api("GET", listPath);
    } catch (error) {
      return;   // the discussion is off, or this account takes no part in it
    }
    const section = element("section", "discussion");
    section.id = "lectern-discussion";
    section.setAttribute("aria-labelledby", "lectern-discussion-heading");
    const heading = element("h2", "", t(lesson ? "discussion.heading" : "discussion.courseHeading"));
    heading.id = "lectern-discussion-heading";
    const status = element("p", "discussion-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const empty = element("p", "discussion-empty", t("discussion.empty"));
    const list = element("ul", "discussion-topics");
    const context = {
      staff: server.isStaff(auth),
      userId: auth.user ? auth.user.id : null,
      say: (text) => { status.textContent = text; },
      refresh: async () => render(await server.api("GET", listPath))
    };
    function render(page) {
      const topics = Array.isArray(page.items) ? page.items : [];
      empty.hidden = topics.length > 0;
      list.replaceChildren(...topics.map((topic) => topicView(topic, context)));
    }
    const newTopic = element("details", "discussion-new");
    newTopic.append(element("summary", "", t("discussion.newTopic")),
      postForm("topic", "/courses/" + enc(slug) + "/discussion", lesson ? { lesson } : {}, context.refresh, context.say));
    section.append(heading, status, empty, list, newTopic);
    main.append(section);
    render(first);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
