/* The gradebook and the grading form of teaching.html (sites served by `lectern serve`): for the chosen
 * course, GET /api/v1/courses/{slug}/gradebook drawn as a table (each learner's lessons done, each quiz's
 * best score and attempts, the grade, the certificate) with its CSV, and for the course's instructors a
 * form that writes a grade and feedback (POST /api/v1/courses/{slug}/grades/{student_id}), showing the
 * learner's current ones first (GET …/grades?student_id=). The learner reads them on "My courses".
 * dashboard.js, loaded after this file, calls LecternGradebook.section() when it draws a course; its own
 * helpers (CSV download, subsections, percentages) come in `tools`, so both draw alike. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, element, formatNumber, dataTable } = Lectern;
  const server = Lectern.server;
  const enc = server.enc;

  /**
   * The "Grades" part of a course's view: the grading form (instructors only: the server lets only a
   * course's instructors grade) and the gradebook, filled in once it loads.
   * @param {object} report the course's analytics (`course`, `title`, `learners`)
   * @param {object} tools from dashboard.js: say, downloadButton, subsection, percent, actions
   */
  function section(report, tools) {
    const slug = String(report.course);
    const title = String(report.title || slug);
    const auth = server.auth();
    const holder = element("div", "teaching-gradebook");
    holder.append(element("p", "dashboard-empty", t("teaching.gradebookLoading")));
    const book = { rows: [], draw: () => {} };
    const learners = Array.isArray(report.learners) ? report.learners : [];
    // The class dashboard.js's picker keeps in ?class=: the gradebook shows that class's learners.
    const classID = new URLSearchParams(global.location.search).get("class") || "";
    const group = classID ? "class=" + enc(classID) + "&" : "";
    const children = [];
    if (auth && auth.user && auth.user.role === "instructor" && learners.length > 0) children.push(gradeForm(slug, learners, book));
    children.push(holder, tools.actions(tools.downloadButton(t("teaching.csv.gradebook"), "/courses/" + enc(slug) + "/gradebook?" + group + "format=csv",
      slug + (classID ? "-class" + classID : "") + "-gradebook.csv", tools.say)));
    book.draw = (data) => holder.replaceChildren(gradebookTable(title, data, tools));
    server.api("GET", "/courses/" + enc(slug) + "/gradebook" + (classID ? "?class=" + enc(classID) : "")).then((data) => {
      book.data = data;
      book.draw(data);
    }).catch((error) => {
      holder.replaceChildren(element("p", "form-error", error.signedOut ? t("account.sessionEnded") : String(error.detail || error)));
    });
    return tools.subsection(t("teaching.gradesHeading"), children);
  }

  function gradebookTable(courseTitle, data, tools) {
    const quizzes = Array.isArray(data.quizzes) ? data.quizzes : [];
    const rows = Array.isArray(data.learners) ? data.learners : [];
    if (rows.length === 0) return element("p", "dashboard-empty", t("teaching.noLearners"));
    const headers = [t("teaching.learner"), t("teaching.lessonsDone")]
      .concat(quizzes.map((quiz) => t("teaching.quizColumn", { quiz: String(quiz.title || quiz.id) })))
      .concat([t("teaching.grade"), t("teaching.certificate")]);
    const cells = rows.map((row) => {
      const results = row.quizzes && typeof row.quizzes === "object" ? row.quizzes : {};
      return [String(row.name || row.username) + " (" + String(row.username || "") + ")",
        { text: t("teaching.lessonsOf", { done: formatNumber(Number(row.lessons_completed) || 0), total: formatNumber(Number(data.lessons_total) || 0) }), numeric: true }]
        .concat(quizzes.map((quiz) => {
          const result = results[quiz.id] || {};
          const attempts = formatNumber(Number(result.attempts) || 0);
          return result.best_score === undefined || result.best_score === null ? { text: "— (" + attempts + ")", numeric: true }
            : { text: tools.percent(result.best_score) + " (" + attempts + ")", numeric: true };
        }))
        .concat([row.grade ? String(row.grade) : "—",
          row.certificate ? t(row.certificate.revoked ? "teaching.certificateRevoked" : "teaching.certificateIssued") : "—"]);
    });
    const table = dataTable(t("teaching.gradebookTable", { course: courseTitle }), headers, cells);
    table.classList.add("gradebook-table");
    return table;
  }

  /** Writes a grade and feedback for one learner; picking a learner shows the grade they have now. */
  function gradeForm(slug, learners, book) {
    const form = element("form", "teaching-grade");
    const id = (name) => "lectern-grade-" + name;
    const field = (label, control) => {
      const wrapper = element("p", "field");
      const labelElement = element("label", "", label);
      labelElement.htmlFor = control.id;
      wrapper.append(labelElement, control);
      form.append(wrapper);
      return control;
    };
    const learner = element("select");
    learner.id = id("learner");
    for (const entry of learners) {
      const option = element("option", "", String(entry.name || entry.username) + " (" + String(entry.username || "") + ")");
      option.value = String(entry.id);
      learner.append(option);
    }
    field(t("teaching.learner"), learner);
    const grade = element("input");
    grade.id = id("grade");
    grade.required = true;
    grade.maxLength = 32;
    grade.autocomplete = "off";
    field(t("teaching.grade"), grade);
    const feedback = element("textarea");
    feedback.id = id("feedback");
    feedback.maxLength = 5000;
    feedback.rows = 3;
    field(t("teaching.feedback"), feedback);
    form.append(element("p", "hint", t("teaching.gradeHint")));
    const button = element("button", "button-primary", t("teaching.gradeButton"));
    button.type = "submit";
    const status = element("p", "teaching-grade-status");
    status.setAttribute("role", "status");
    form.append(button, status);
    const name = () => (learner.selectedOptions[0] ? learner.selectedOptions[0].textContent : "");

    let latest = 0;
    async function showCurrent() {
      const ticket = ++latest;
      const answer = await server.api("GET", "/courses/" + enc(slug) + "/grades?student_id=" + enc(learner.value));
      if (ticket !== latest) return;
      const current = answer && Array.isArray(answer.items) ? answer.items[0] : null;
      grade.value = current ? String(current.grade) : "";
      feedback.value = current ? String(current.feedback || "") : "";
    }
    const report = (error) => { status.textContent = error.signedOut ? t("account.sessionEnded") : String(error.detail || error); };
    learner.addEventListener("change", () => { status.textContent = ""; showCurrent().catch(report); });
    showCurrent().catch(report);

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!grade.value.trim()) { grade.focus(); return; }
      button.disabled = true;
      try {
        const saved = await server.api("POST", "/courses/" + enc(slug) + "/grades/" + enc(learner.value),
          { grade: grade.value.trim(), feedback: feedback.value });
        status.textContent = t("teaching.gradeSaved", { learner: name(), grade: String(saved.grade) });
        // The gradebook shows the new grade without being fetched again.
        const row = book.data && Array.isArray(book.data.learners) ? book.data.learners.find((entry) => String(entry.id) === learner.value) : null;
        if (row) {
          row.grade = saved.grade;
          row.feedback = saved.feedback;
          book.draw(book.data);
        }
      } catch (error) {
        report(error);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  global.LecternGradebook = { section };
})(typeof window !== "undefined" ? window : globalThis);
