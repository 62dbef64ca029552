/* Lectern: the teaching page's moderation queue (teaching.html, with dashboard.js). For the course picked,
 * a `discussion: moderated` course's learner posts waiting for approval, oldest first: approve one
 * (PATCH /api/v1/discussion/{id} {"state": "published"}) or reject it (DELETE). Courses without a
 * discussion show nothing. Post bodies are HTML the server rendered in its safe Markdown subset. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element } = Lectern;
  const server = Lectern.server;

  let section = null;
  let shownSlug = "";

  function holder() {
    if (section) return section;
    const courses = document.getElementById("lectern-teaching-courses");
    if (!courses) return null;
    section = element("section", "discussion-queue");
    section.id = "lectern-discussion-queue";
    section.setAttribute("aria-labelledby", "lectern-discussion-queue-heading");
    section.hidden = true;
    const heading = element("h3", "", t("discussion.queueHeading"));
    heading.id = "lectern-discussion-queue-heading";
    const status = element("p", "discussion-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    section.append(heading, status, element("p", "discussion-queue-count"), element("ol", "discussion-queue-list"));
    courses.append(section);
    return section;
  }

  async function show(slug) {
    const box = holder();
    if (!box) return;
    shownSlug = slug;
    if (!slug) { box.hidden = true; return; }
    let waiting;
    try {
      waiting = await server.apiAll("/courses/" + server.enc(slug) + "/discussion/queue");
    } catch (error) {
      box.hidden = true;   // no discussion in this course
      return;
    }
    if (shownSlug !== slug) return;   // another course was picked meanwhile
    const say = (text) => { box.querySelector(".discussion-status").textContent = text; };
    box.querySelector(".discussion-queue-count").textContent = waiting.length ? tn("discussion.queueCount", waiting.length) : t("discussion.queueEmpty");
    const list = box.querySelector(".discussion-queue-list");
    list.replaceChildren(...waiting.map((post) => {
      const item = element("li", "discussion-queue-item");
      item.dataset.postId = String(post.id);
      const place = post.lesson ? t("discussion.inLesson", { lesson: post.lesson }) : t("discussion.inCourseHome");
      item.append(element("p", "discussion-byline", server.nameWithUsername(post) + " · " + place));
      if (post.title) item.append(element("p", "discussion-topic-title", post.title));
      const body = element("div", "discussion-body");
      body.innerHTML = String(post.html || "");
      item.append(body);
      const actions = element("p", "discussion-moderation");
      for (const [label, method, fields, done] of [["discussion.approve", "PATCH", { state: "published" }, "discussion.approved"],
                                                   ["discussion.reject", "DELETE", null, "discussion.rejected"]]) {
        const button = element("button", "discussion-action", t(label));
        button.type = "button";
        button.addEventListener("click", async () => {
          button.disabled = true;
          try {
            await server.api(method, "/discussion/" + server.enc(post.id), fields);
            await show(slug);
            say(t(done));
          } catch (error) {
            button.disabled = false;
            say(server.problemText(error));
          }
        });
        actions.append(button);
      }
      item.append(actions);
      return item;
    }));
    box.hidden = false;
  }

  async function start() {
    if (!document.body || document.body.dataset.page !== "teaching") return;
    if (!(await server.detect()) || !server.auth()) return;
    const select = document.getElementById("lectern-teaching-course");
    if (!select) return;
    // dashboard.js fills the picker once the courses are known, and keeps the choice in ?course=.
    select.addEventListener("change", () => show(select.value));
    const whenFilled = () => { if (select.value && select.value !== shownSlug) show(select.value); };
    new MutationObserver(whenFilled).observe(select, { childList: true });
    whenFilled();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
