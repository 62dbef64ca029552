/* Assignments handed in on `lectern serve`: on an assignment page, a learner's hand-in form (text and
 * files, one upload per file, the raw file as the body) and their grade once given; for the course's
 * staff, every submission with its files, a ZIP of all of them, and a grading form. Loaded after
 * server.js on assignment pages of a served site; static sites and packages keep the kiosk note. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, safely, formatNumber, formatDateTime } = Lectern;
  const { api, apiAll, auth: loadAuth, response: apiResponse, readAnswer, enc, courseSlug, isStaff, ApiError } = Lectern.server;

  const API_ROOT = "/api/v1";

  /** The page's hand-in section and what the assignment takes, from its data attributes. */
  function pageAssignment(info) {
    const section = document.getElementById("lectern-assignment-handin");
    if (!section || !info.itemId) return null;
    return {
      section,
      id: info.itemId,
      slug: courseSlug(info),
      points: Number(section.dataset.points) || 0,
      acceptsText: section.dataset.acceptsText === "true",
      acceptsFiles: section.dataset.acceptsFiles === "true",
      fileTypes: (section.dataset.fileTypes || "").split(",").map((type) => type.trim()).filter(Boolean)
    };
  }

  function base(assignment) {
    return "/courses/" + enc(assignment.slug) + "/assignments/" + enc(assignment.id);
  }

  /** Sends one file as the raw body (no multipart); the token is renewed first by a cheap request. */
  async function uploadFile(assignment, file) {
    await api("GET", "/users/me");
    const auth = loadAuth();
    if (!auth) throw new ApiError(401, t("account.sessionEnded"), true);
    let response;
    try {
      response = await global.fetch(API_ROOT + base(assignment) + "/submission/files?name=" + enc(file.name), {
        method: "POST", body: file, credentials: "same-origin", cache: "no-store",
        headers: { Accept: "application/json", Authorization: "Bearer " + auth.access_token,
                   "Content-Type": file.type || "application/octet-stream" }
      });
    } catch (error) {
      throw new ApiError(0, t("server.network"));
    }
    return readAnswer(response);
  }

  /** A file saved under its original name, fetched with the token (the route is not public). */
  async function downloadFile(path, name) {
    const response = await apiResponse("GET", path, null, { accept: "*/*" });
    if (!response.ok) await readAnswer(response);
    // Looked up at each download, not at load: a page (or a test) may replace how files are saved.
    Lectern.server.saveBlob(await response.blob(), name);
  }

  /** A button that downloads one of the submission's files under its name; a failure is said in `status`. */
  function fileButton(submission, file, status) {
    const button = element("button", "link-button assignment-file");
    button.type = "button";
    button.textContent = file.name;
    button.addEventListener("click", () => downloadFile("/submissions/" + submission.id + "/files/" + file.id, file.name)
      .catch((error) => { status.textContent = error.message; }));
    return button;
  }

  function gradeText(submission, assignment) {
    return t("assignment.gradeOf", { points: formatNumber(submission.points), total: formatNumber(assignment.points) });
  }

  function statusLine(submission) {
    const line = element("p", "assignment-status");
    line.textContent = t("assignment.handedIn", { time: formatDateTime(new Date(submission.submitted_at)) });
    if (submission.late) {
      const badge = element("span", "badge assignment-late");
      badge.textContent = t("assignment.lateBadge");
      line.append(" ", badge);
    }
    return line;
  }

  /* ------------------------------------------ The learner's hand-in */

  async function learnerView(assignment) {
    const section = assignment.section;
    const view = element("div", "assignment-learner");
    const status = element("p", "assignment-message");
    status.setAttribute("role", "status");
    let submission = null;
    try {
      submission = await api("GET", base(assignment) + "/submission");
    } catch (error) {
      if (error.status !== 404) throw error;
    }

    function render() {
      view.replaceChildren();
      if (submission) view.append(statusLine(submission));
      if (submission && submission.points !== undefined && submission.points !== null) {
        const grade = element("p", "assignment-grade");
        grade.textContent = gradeText(submission, assignment);
        view.append(grade);
        if (submission.feedback) {
          const feedback = element("blockquote", "assignment-feedback");
          feedback.textContent = submission.feedback;
          view.append(feedback);
        }
      }
      const graded = submission && submission.points !== undefined && submission.points !== null;
      if (submission && submission.files.length > 0) {
        const list = element("ul", "assignment-files");
        for (const file of submission.files) {
          const item = element("li");
          item.append(fileButton(submission, file, status));
          if (!graded) {
            const remove = element("button", "assignment-remove");
            remove.type = "button";
            remove.textContent = t("assignment.remove");
            remove.setAttribute("aria-label", t("assignment.remove") + ": " + file.name);
            remove.addEventListener("click", async () => {
              try {
                await api("DELETE", base(assignment) + "/submission/files/" + file.id);
                submission = await api("GET", base(assignment) + "/submission");
                render();
              } catch (error) {
                status.textContent = error.message;
              }
            });
            item.append(" ", remove);
          }
          list.append(item);
        }
        view.append(list);
      }
      if (graded) return;
      const form = element("form", "assignment-form");
      form.noValidate = true;
      let textArea = null, fileInput = null;
      if (assignment.acceptsText) {
        const label = element("label");
        label.htmlFor = "lectern-assignment-text";
        label.textContent = t("assignment.yourText");
        textArea = element("textarea");
        textArea.id = "lectern-assignment-text";
        textArea.rows = 8;
        textArea.value = submission ? submission.text : "";
        form.append(label, textArea);
      }
      if (assignment.acceptsFiles) {
        const label = element("label");
        label.htmlFor = "lectern-assignment-file";
        label.textContent = t("assignment.addFiles");
        fileInput = element("input");
        fileInput.type = "file";
        fileInput.id = "lectern-assignment-file";
        fileInput.multiple = true;
        fileInput.accept = assignment.fileTypes.map((type) => "." + type).join(",");
        form.append(label, fileInput);
      }
      const button = element("button", "button-primary assignment-submit");
      button.type = "submit";
      button.textContent = submission ? t("assignment.replace") : t("assignment.submit");
      form.append(button);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        button.disabled = true;
        status.textContent = t("assignment.sending");
        try {
          if (textArea && (textArea.value !== (submission ? submission.text : "") || !submission)) {
            submission = await api("PUT", base(assignment) + "/submission", { text: textArea.value });
          }
          for (const file of fileInput ? Array.from(fileInput.files) : []) submission = await uploadFile(assignment, file);
          status.textContent = t("assignment.saved");
          render();
        } catch (error) {
          status.textContent = error.message;
          button.disabled = false;
        }
      });
      view.append(form);
    }

    render();
    section.querySelector(".assignment-kiosk-note").hidden = true;
    section.append(view, status);
  }

  /* ------------------------------------------ The staff's submissions */

  async function staffView(assignment) {
    const section = assignment.section;
    let submissions;
    try {
      submissions = await apiAll(base(assignment) + "/submissions");
    } catch (error) {
      if (error.status === 403) return;
      throw error;
    }
    section.querySelector(".assignment-kiosk-note").hidden = true;
    const view = element("div", "assignment-staff");
    const heading = element("h3");
    heading.textContent = t("assignment.submissions", { count: submissions.length });
    const status = element("p", "assignment-message");
    status.setAttribute("role", "status");
    view.append(heading);
    if (submissions.length > 0) {
      const zip = element("button", "assignment-zip");
      zip.type = "button";
      zip.textContent = t("assignment.downloadAll");
      zip.addEventListener("click", () => downloadFile(base(assignment) + "/submissions/archive", assignment.slug + "-" + assignment.id + "-submissions.zip")
        .catch((error) => { status.textContent = error.message; }));
      view.append(zip);
    }
    for (const submission of submissions) {
      const card = element("article", "assignment-submission");
      card.dataset.submissionId = String(submission.id);
      const who = element("h4");
      who.textContent = submission.name ? submission.name + " (" + submission.username + ")" : submission.username;
      card.append(who, statusLine(submission));
      if (submission.text) {
        const text = element("blockquote", "assignment-text");
        text.textContent = submission.text;
        card.append(text);
      }
      if (submission.files.length > 0) {
        const list = element("ul", "assignment-files");
        for (const file of submission.files) {
          const item = element("li");
          item.append(fileButton(submission, file, status));
          list.append(item);
        }
        card.append(list);
      }
      const form = element("form", "assignment-grade-form");
      form.noValidate = true;
      const pointsLabel = element("label");
      pointsLabel.htmlFor = "lectern-points-" + submission.id;
      pointsLabel.textContent = t("assignment.pointsOutOf", { total: formatNumber(assignment.points) });
      const points = element("input");
      points.type = "number";
      points.id = "lectern-points-" + submission.id;
      points.min = "0";
      points.max = String(assignment.points);
      points.step = "any";
      if (submission.points !== undefined && submission.points !== null) points.value = String(submission.points);
      const feedbackLabel = element("label");
      feedbackLabel.htmlFor = "lectern-feedback-" + submission.id;
      feedbackLabel.textContent = t("assignment.feedback");
      const feedback = element("textarea");
      feedback.id = "lectern-feedback-" + submission.id;
      feedback.rows = 3;
      feedback.value = submission.feedback || "";
      const save = element("button", "button-primary assignment-save-grade");
      save.type = "submit";
      save.textContent = t("assignment.saveGrade");
      form.append(pointsLabel, points, feedbackLabel, feedback, save);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          const graded = await api("PUT", "/submissions/" + submission.id + "/grade", { points: Number(points.value), feedback: feedback.value });
          status.textContent = t("assignment.gradeSaved", { name: graded.username, grade: gradeText(graded, assignment) });
        } catch (error) {
          status.textContent = error.message;
        }
      });
      card.append(form);
      view.append(card);
    }
    section.append(view, status);
  }

  async function initAssignment(info) {
    const assignment = pageAssignment(info);
    if (!assignment || !assignment.slug) return;
    const auth = loadAuth();
    if (!auth) return;
    if (isStaff(auth)) await staffView(assignment);
    else await learnerView(assignment);
  }

  const info = Lectern.pageInfo();
  if (info.page === "assignment") {
    safely(() => initAssignment(info).catch((error) => { if (global.console) global.console.warn("Lectern:", error); }));
  }
})((typeof window !== "undefined" ? window : globalThis));
