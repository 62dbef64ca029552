/* The dashboards of sites served by `lectern serve`: dashboard.html (a learner's own numbers, from
 * GET /api/v1/analytics/student) and teaching.html (a course's numbers for its instructors and for
 * administrators, from /api/v1/analytics/courses/{slug}, and the whole server's for administrators, from
 * /api/v1/analytics/system). Only those two pages load this file (theme.json `rootPageScripts`), after
 * lectern.js, whose window.Lectern gives the API client, the strings, tables, notices and a few helpers.
 *
 * Charts are inline SVG built here (the pages' CSP allows no outside script), sized by their viewBox and
 * coloured by CSS classes whose colours are the theme's custom properties, so light, dark and kiosk all
 * apply. Each chart is role="img" with an accessible name that says what it shows, and its numbers are
 * also in a table. On RTL pages the charts are mirrored: x positions are computed as in LTR and flipped,
 * while text anchors stay logical (start/end follow the page's direction). CSV and certificate downloads
 * are fetched with the learner's token and saved through a blob URL, since a plain link cannot send it. */
(function (global) {
  "use strict";

  const Lectern = global.Lectern;
  if (!Lectern || !Lectern.server || typeof document === "undefined") return;
  const { t, tn, element, formatNumber, formatDate, dataTable, pageUI } = Lectern;
  const server = Lectern.server;
  const enc = server.enc;

  const DAYS = 30;                // the activity window of every request, in days
  const SVG_NS = "http://www.w3.org/2000/svg";
  const REVIEW_BELOW = 0.2;       // discrimination under this flags a question to review
  const CHART_WIDTH = 640;        // viewBox width of every chart; the CSS scales it

  /* ---------------------------------------------------------------- Formatting */

  function language() {
    return document.documentElement.lang || undefined;
  }

  function isRTL() {
    return document.documentElement.dir === "rtl";
  }

  /** 45.5 → "45.5%" in the page's language ("45,5 %", "٤٥٫٥٪"…). */
  function percent(value) {
    try {
      return new Intl.NumberFormat(language(), { style: "percent", maximumFractionDigits: 1 }).format((Number(value) || 0) / 100);
    } catch (error) {
      return formatNumber(Number(value) || 0) + "%";
    }
  }

  function decimal(value, digits) {
    try {
      return new Intl.NumberFormat(language(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
    } catch (error) {
      return Number(value).toFixed(digits);
    }
  }

  /** "2026-11-26" (a UTC day, as the API writes them) → "26 Nov". */
  function dayLabel(date) {
    try {
      return new Intl.DateTimeFormat(language(), { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(date + "T00:00:00Z"));
    } catch (error) {
      return String(date);
    }
  }

  /** A time from the API as a date, or a dash when there is none. */
  function dateOf(value) {
    const milliseconds = Lectern.timeOf(value);
    return milliseconds > 0 ? formatDate(milliseconds) : "—";
  }

  /** The first paragraph of a question's Markdown prompt, without code marks, for a table cell. */
  function plainPrompt(markdown) {
    const first = String(markdown || "").trim().split(/\n\s*\n/)[0].replace(/```[^\n]*/g, "").replace(/[`*]+/g, "").replace(/\s+/g, " ").trim();
    return first.length > 140 ? first.slice(0, 139) + "…" : first;
  }

  function shorten(text, length) {
    const value = String(text);
    return value.length > length ? value.slice(0, length - 1) + "…" : value;
  }

  /* ---------------------------------------------------------------- Building blocks */

  /** A row of big numbers: `entries` are [label, text]. */
  function figures(entries) {
    const list = element("dl", "figures-list");
    for (const [label, value] of entries) {
      const item = element("div", "stat");
      item.append(element("dt", "stat-label", label), element("dd", "stat-value", value));
      list.append(item);
    }
    return list;
  }

  /** A chart with its visible caption, an optional legend, and its numbers as a table in a <details>. */
  function chartFigure(caption, chart, table, legendEntries) {
    const figure = element("figure", "chart-figure");
    figure.append(element("figcaption", "chart-caption", caption));
    if (legendEntries) figure.append(legend(legendEntries));
    const frame = element("div", "chart-frame");
    frame.append(chart);
    figure.append(frame);
    if (table) {
      const details = element("details", "chart-data");
      details.append(element("summary", "", t("dashboard.showTable")), table);
      figure.append(details);
    }
    return figure;
  }

  /** The key of a chart's series: [[class name, label]]. The chart's own name already says it to screen readers. */
  function legend(entries) {
    const list = element("ul", "chart-legend");
    list.setAttribute("aria-hidden", "true");
    for (const [className, label] of entries) {
      const item = element("li");
      item.append(element("span", "chart-swatch " + className), label);
      list.append(item);
    }
    return list;
  }

  /** A button that downloads `path` (under /api/v1) with the signed-in account's token. */
  function downloadButton(label, path, fallbackName, say) {
    const button = element("button", "download-csv", label);
    button.type = "button";
    button.addEventListener("click", () => download(path, fallbackName, say, button));
    return button;
  }

  async function download(path, fallbackName, say, button) {
    if (button) button.disabled = true;
    say(t("dashboard.downloading"));
    try {
      const response = await server.response("GET", path, null, { accept: "text/csv, application/pdf, application/json" });
      if (!response.ok) await server.readAnswer(response); // throws the server's `detail`
      const disposition = response.headers.get("Content-Disposition") || "";
      const named = /filename="?([^";]+)"?/i.exec(disposition);
      const name = named ? named[1] : fallbackName;
      server.saveBlob(await response.blob(), name);
      say(t("dashboard.downloaded", { name }));
    } catch (error) {
      say(error.signedOut ? t("account.sessionEnded") : t("dashboard.downloadError", { detail: error.detail || String(error) }));
    } finally {
      if (button) button.disabled = false;
    }
  }

  /* ---------------------------------------------------------------- Charts */

  function svgNode(tag, attributes, className) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    if (className) node.setAttribute("class", className);
    return node;
  }

  function svgText(x, y, text, anchor, className) {
    const node = svgNode("text", { x, y, "text-anchor": anchor }, className);
    node.textContent = text;
    return node;
  }

  function chartSVG(height, label, className) {
    return svgNode("svg", { viewBox: "0 0 " + CHART_WIDTH + " " + height, role: "img", "aria-label": label },
      "chart" + (className ? " " + className : ""));
  }

  /** x measured from the chart's start edge → the physical x (mirrored on RTL pages). */
  function edgeX(x) {
    return isRTL() ? CHART_WIDTH - x : x;
  }

  /** The physical left of a box that starts `x` from the start edge and is `width` wide. */
  function boxX(x, width) {
    return isRTL() ? CHART_WIDTH - x - width : x;
  }

  /** The smallest of 1, 2, 5, 10, 20, 50… at or above `value`: a round top for a count axis. */
  function niceMax(value) {
    let step = 1;
    for (;;) {
      for (const factor of [1, 2, 5]) if (factor * step >= value) return factor * step;
      step *= 10;
    }
  }

  /**
   * Vertical bars: one group per category (a day, a score band), one bar per series in each group.
   * `categories` are [{label (for tooltips), tick (the axis text, "" for none)}]; `series` are
   * [{className, name, values}], values aligned with the categories.
   */
  function columnChart(label, categories, series) {
    const height = 230;
    const start = 40, end = 28, top = 12, bottom = 30;   // end: room for the last tick's text
    const plotWidth = CHART_WIDTH - start - end, plotHeight = height - top - bottom;
    const max = niceMax(Math.max(1, ...series.flatMap((entry) => entry.values)));
    const svg = chartSVG(height, label, "column-chart");
    const baseline = top + plotHeight;
    for (const tick of [0, max / 2, max]) {
      if (!Number.isInteger(tick)) continue;
      const y = baseline - (tick / max) * plotHeight;
      svg.append(svgNode("line", { x1: edgeX(start), x2: edgeX(CHART_WIDTH - end), y1: y, y2: y }, tick === 0 ? "chart-axis" : "chart-grid"));
      svg.append(svgText(edgeX(start - 6), y + 4, formatNumber(tick), "end", "chart-tick"));
    }
    const slot = plotWidth / Math.max(1, categories.length);
    const gap = Math.min(slot * 0.25, 12);
    const barWidth = (slot - gap) / Math.max(1, series.length);
    categories.forEach((category, index) => {
      series.forEach((entry, position) => {
        const value = Number(entry.values[index]) || 0;
        if (value <= 0) return;
        const barHeight = (value / max) * plotHeight;
        const bar = svgNode("rect", {
          x: boxX(start + index * slot + gap / 2 + position * barWidth, barWidth), y: baseline - barHeight,
          width: barWidth, height: barHeight
        }, "chart-bar " + entry.className);
        const tip = svgNode("title");
        tip.textContent = category.label + " · " + entry.name + ": " + formatNumber(value);
        bar.append(tip);
        svg.append(bar);
      });
      if (category.tick) svg.append(svgText(edgeX(start + index * slot + slot / 2), height - 10, category.tick, "middle", "chart-tick"));
    });
    return svg;
  }

  /**
   * Horizontal bars on a 0–100 scale, one row per entry: its label above, its text at the end, and
   * optionally a mark (a quiz's pass mark, drawn as a dashed line) and a ghost (the previous lesson's
   * share, so what was lost between the two shows as the lighter part).
   * `rows` are [{label, value (0–100, or null for none), text, mark?, ghost?, className?}].
   */
  function barChart(label, rows, className) {
    const rowHeight = 48, top = 4;
    const start = 4, valueWidth = 96;
    const trackWidth = CHART_WIDTH - start - valueWidth - 8;
    const height = top + rows.length * rowHeight;
    const svg = chartSVG(height, label, "bar-chart" + (className ? " " + className : ""));
    rows.forEach((row, index) => {
      const y = top + index * rowHeight;
      svg.append(svgText(edgeX(start), y + 14, shorten(row.label, 80), "start", "chart-label"));
      svg.append(svgNode("rect", { x: boxX(start, trackWidth), y: y + 20, width: trackWidth, height: 16, rx: 2 }, "chart-track"));
      const share = (value) => (Math.max(0, Math.min(100, Number(value) || 0)) / 100) * trackWidth;
      if (row.ghost !== undefined && row.ghost !== null) {
        svg.append(svgNode("rect", { x: boxX(start, share(row.ghost)), y: y + 20, width: share(row.ghost), height: 16 }, "chart-ghost"));
      }
      if (row.value !== null && row.value !== undefined) {
        svg.append(svgNode("rect", { x: boxX(start, share(row.value)), y: y + 20, width: share(row.value), height: 16 },
          "chart-bar " + (row.className || "series-lessons")));
      }
      if (row.mark !== undefined && row.mark !== null) {
        const x = edgeX(start + share(row.mark));
        svg.append(svgNode("line", { x1: x, x2: x, y1: y + 16, y2: y + 40 }, "chart-mark"));
      }
      svg.append(svgText(edgeX(start + trackWidth + 8), y + 33, row.text, "start", "chart-value"));
    });
    return svg;
  }

  /** A small bar for a table cell (percent correct): decoration beside the number, hidden from screen readers. */
  function miniBar(value) {
    const svg = svgNode("svg", { viewBox: "0 0 100 10", "aria-hidden": "true" }, "mini-bar");
    svg.append(svgNode("rect", { x: 0, y: 0, width: 100, height: 10, rx: 2 }, "chart-track"));
    const width = Math.max(0, Math.min(100, Number(value) || 0));
    svg.append(svgNode("rect", { x: isRTL() ? 100 - width : 0, y: 0, width, height: 10, rx: 2 }, "chart-bar series-lessons"));
    return svg;
  }

  /** The daily activity of the window as a column chart with its legend and table. `series` are
   *  [{key (field of each day), className, name, count (base of the plural strings for the summary)}]. */
  function activityFigure(caption, days, series) {
    const categories = days.map((entry, index) => ({
      label: dayLabel(entry.date),
      // A tick every 5 days, counted back from today so the last day always has one.
      tick: (days.length - 1 - index) % 5 === 0 ? dayLabel(entry.date) : ""
    }));
    const columns = series.map((entry) => ({ className: entry.className, name: entry.name, values: days.map((day) => Number(day[entry.key]) || 0) }));
    const totals = columns.map((column, index) => tn(series[index].count, column.values.reduce((sum, value) => sum + value, 0)));
    let busiest = null;
    days.forEach((day, index) => {
      const sum = columns.reduce((total, column) => total + column.values[index], 0);
      if (sum > 0 && (!busiest || sum >= busiest.sum)) busiest = { sum, date: day.date };
    });
    const label = t("dashboard.activityLabel", { days: formatNumber(days.length), totals: totals.join(t("dashboard.listSeparator")) })
      + (busiest ? " " + t("dashboard.busiestDay", { date: dayLabel(busiest.date), count: formatNumber(busiest.sum) }) : "");
    const table = dataTable(caption, [t("dashboard.date")].concat(series.map((entry) => entry.name)),
      days.map((day, index) => [dayLabel(day.date)].concat(columns.map((column) => column.values[index]))));
    return chartFigure(caption, columnChart(label, categories, columns), table, series.map((entry) => [entry.className, entry.name]));
  }

  /* ---------------------------------------------------------------- Start */

  async function start() {
    const page = document.body ? document.body.dataset.page : "";
    if (page !== "dashboard" && page !== "teaching") return;
    const ui = pageUI("lectern-" + page);
    if (!(await server.detect())) { ui.show("no-server"); return; }
    if (!server.auth()) { ui.show("signed-out"); return; }
    try {
      if (page === "dashboard") await learnerDashboard(ui);
      else await teachingDashboard(ui);
    } catch (error) {
      if (error.signedOut) { ui.say(""); ui.show("signed-out"); return; }
      ui.say(t("dashboard.error", { detail: error.detail || String(error) }));
      if (global.console) global.console.error("Lectern:", error);
    }
  }

  /* ---------------------------------------------------------------- The learner's dashboard */

  async function learnerDashboard(ui) {
    const auth = server.auth();
    if (server.isStaff(auth)) ui.show("staff");
    ui.say(t("dashboard.loading"));
    const data = await server.api("GET", "/analytics/student?days=" + DAYS);
    const courses = Array.isArray(data.courses) ? data.courses : [];
    const numbers = document.getElementById("lectern-dashboard-figures");
    if (numbers) {
      numbers.replaceChildren(figures([
        [t("dashboard.lessonsCompleted"), formatNumber(Number(data.lessons_completed) || 0)],
        [t("dashboard.quizzesPassed"), formatNumber(Number(data.quizzes_passed) || 0)],
        [t("dashboard.certificates"), formatNumber(Number(data.certificates) || 0)]
      ]));
    }
    const activity = document.getElementById("lectern-dashboard-activity");
    if (activity && Array.isArray(data.activity)) {
      activity.replaceChildren(activityFigure(t("dashboard.activityCaption", { days: formatNumber(data.activity.length) }), data.activity, [
        { key: "lesson_completions", className: "series-lessons", name: t("dashboard.seriesLessons"), count: "dashboard.countLessons" },
        { key: "attempts_submitted", className: "series-quizzes", name: t("dashboard.seriesQuizzes"), count: "dashboard.countQuizzes" }
      ]));
    }
    const csv = document.getElementById("lectern-dashboard-csv");
    if (csv) csv.addEventListener("click", () => download("/analytics/student?days=" + DAYS + "&format=csv", "my-progress.csv", ui.say, csv));
    const list = document.getElementById("lectern-dashboard-courses");
    if (list) list.replaceChildren(...courses.map((course) => learnerCourse(course, ui.say)));
    const empty = document.getElementById("lectern-dashboard-empty");
    if (empty) empty.hidden = courses.length > 0;
    const dashboard = document.getElementById("lectern-dashboard");
    if (dashboard) dashboard.hidden = false;
    ui.say("");
  }

  function learnerCourse(course, say) {
    const title = String(course.title || course.course);
    const item = element("li", "dashboard-course");
    const heading = element("h3", "dashboard-course-title");
    const link = element("a", "", title);
    link.href = enc(course.course) + "/index.html";
    heading.append(link);
    item.append(heading);

    const share = Math.max(0, Math.min(100, Number(course.percent) || 0));
    const bar = element("progress", "progress-bar");
    bar.max = 100;
    bar.value = share;
    bar.textContent = percent(share);
    bar.setAttribute("aria-label", t("myCourses.progressLabel", { title }));
    item.append(bar, element("p", "dashboard-course-progress", t("dashboard.courseProgress", {
      percent: percent(share), done: formatNumber(Number(course.lessons_completed) || 0), total: formatNumber(Number(course.lessons_total) || 0)
    })));

    const facts = [[t("dashboard.enrolledOn"), dateOf(course.enrolled_at)], [t("dashboard.lastActive"), dateOf(course.last_active)]];
    if (course.average_best_score !== undefined) facts.push([t("dashboard.averageScore"), percent(course.average_best_score)]);
    if (course.grade) facts.push([t("dashboard.grade"), String(course.grade)]);
    const meta = element("dl", "meta");
    for (const [label, value] of facts) {
      const pair = element("div");
      pair.append(element("dt", "", label), element("dd", "", value));
      meta.append(pair);
    }
    item.append(meta);

    const quizzes = Array.isArray(course.quizzes) ? course.quizzes : [];
    if (quizzes.length > 0) item.append(quizScores(title, quizzes));
    item.append(certificateBlock(course, say));
    return item;
  }

  /** Each quiz's best score against its pass mark. */
  function quizScores(courseTitle, quizzes) {
    const best = (quiz) => (quiz.best_score === undefined ? null : Number(quiz.best_score));
    const verdict = (quiz) => (best(quiz) === null ? t("dashboard.notAttempted") : quiz.passed ? t("dashboard.passed") : t("dashboard.notPassed"));
    const rows = quizzes.map((quiz) => ({
      label: String(quiz.title || quiz.id), value: best(quiz), mark: Number(quiz.pass_score) || 0,
      text: best(quiz) === null ? "—" : percent(best(quiz)), className: quiz.passed ? "series-passed" : "series-quizzes"
    }));
    const label = t("dashboard.quizChartLabel", {
      course: courseTitle,
      quizzes: quizzes.map((quiz) => t(best(quiz) === null ? "dashboard.quizChartItemNone" : "dashboard.quizChartItem", {
        quiz: String(quiz.title || quiz.id), best: best(quiz) === null ? "" : percent(best(quiz)), pass: percent(quiz.pass_score), verdict: verdict(quiz)
      })).join(t("dashboard.listSeparator"))
    });
    const table = dataTable(t("dashboard.quizTable", { course: courseTitle }),
      [t("dashboard.quiz"), t("dashboard.bestScore"), t("dashboard.passMark"), t("dashboard.attempts"), t("dashboard.result")],
      quizzes.map((quiz) => [String(quiz.title || quiz.id), best(quiz) === null ? "—" : { text: percent(best(quiz)), numeric: true },
        { text: percent(quiz.pass_score), numeric: true }, Number(quiz.attempts) || 0, verdict(quiz)]));
    return chartFigure(t("dashboard.quizCaption"), barChart(label, rows), table,
      [["series-passed", t("dashboard.passed")], ["series-quizzes", t("dashboard.notPassed")], ["chart-mark-swatch", t("dashboard.passMark")]]);
  }

  function certificateBlock(course, say) {
    const block = element("div", "dashboard-certificate");
    const certificate = course.certificate;
    if (!certificate) {
      block.append(element("p", "dashboard-certificate-none", t("dashboard.noCertificate")));
      return block;
    }
    const heading = element("p", "dashboard-certificate-heading");
    heading.append(element("strong", "", t("dashboard.certificate")), " ",
      t(certificate.revoked ? "dashboard.certificateRevoked" : "dashboard.certificateIssued", { date: dateOf(certificate.issued_at) }));
    block.append(heading);
    const actions = element("p", "dashboard-certificate-actions");
    const verify = element("a", "dashboard-verify", t("dashboard.verify"));
    verify.href = "/verify/" + enc(certificate.code);
    actions.append(verify);
    if (!certificate.revoked) {
      const button = element("button", "download-certificate", t("dashboard.downloadCertificate"));
      button.type = "button";
      button.addEventListener("click", () => download("/certificates/" + enc(certificate.id) + "/download",
        "certificate-" + course.course + ".pdf", say, button));
      actions.append(" ", button);
    }
    block.append(actions);
    return block;
  }

  /* ---------------------------------------------------------------- The teaching dashboard */

  async function teachingDashboard(ui) {
    const auth = server.auth();
    if (!server.isStaff(auth)) { ui.show("students"); return; }
    ui.say(t("teaching.loading"));
    // The courses this account may analyse, named by the server; each report is computed only when shown.
    const courses = await server.api("GET", "/analytics/courses");
    await showCourses(Array.isArray(courses) ? courses : [], ui);
    if (auth.user.role === "admin") await showSystem(ui);
    ui.say("");
  }

  async function showCourses(courses, ui) {
    const section = document.getElementById("lectern-teaching-courses");
    const none = document.getElementById("lectern-teaching-none");
    const picker = document.getElementById("lectern-teaching-picker");
    const select = document.getElementById("lectern-teaching-course");
    const view = document.getElementById("lectern-teaching-course-view");
    if (!section || !view) return;
    section.hidden = false;
    if (none) none.hidden = courses.length > 0;
    if (courses.length === 0) return;
    const wanted = new URLSearchParams(global.location.search).get("course");
    let chosen = courses.find((course) => course.course === wanted) || courses[0];
    const reports = new Map();
    // "" is every learner of the course; otherwise a class's id (?class= on the report and its CSVs).
    let classID = new URLSearchParams(global.location.search).get("class") || "";
    const render = async () => {
      const slug = chosen.course, group = classID;
      const key = slug + "/" + group;
      const query = "?days=" + DAYS + (group ? "&class=" + enc(group) : "");
      if (!reports.has(key)) reports.set(key, await server.api("GET", "/analytics/courses/" + enc(slug) + query));
      // Another course or class may have been chosen while this one loaded.
      if (chosen.course === slug && classID === group) view.replaceChildren(courseView(reports.get(key), ui.say, group));
    };
    const remember = (name, value) => {
      // The choice survives a reload, and can be linked to.
      try {
        const url = new URL(global.location.href);
        if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
        global.history.replaceState(null, "", url);
      } catch (error) {
        // Without the History API the choice just lasts as long as the page.
      }
    };
    const rerender = async (name) => {
      ui.say(t("teaching.loading"));
      try {
        await render();
        ui.say(t("teaching.showing", { course: name }));
      } catch (error) {
        ui.say(error.signedOut ? t("account.sessionEnded") : String(error.detail || error));
      }
    };
    const classPicker = document.getElementById("lectern-teaching-class-picker");
    const classSelect = document.getElementById("lectern-teaching-class");
    let classes = [];
    try {
      const listed = await server.api("GET", "/classes?page_size=100");
      classes = listed && Array.isArray(listed.items) ? listed.items : [];
    } catch (error) {
      // Classes are optional: the course's figures still show for every learner.
    }
    if (!classes.some((entry) => String(entry.id) === classID)) classID = "";
    if (classPicker && classSelect && classes.length > 0) {
      const all = element("option", "", t("teaching.allClasses"));
      all.value = "";
      classSelect.replaceChildren(all, ...classes.map((entry) => {
        const option = element("option", "", String(entry.name));
        option.value = String(entry.id);
        return option;
      }));
      classSelect.value = classID;
      classPicker.hidden = false;
      classSelect.addEventListener("change", async () => {
        classID = classSelect.value;
        remember("class", classID);
        const named = classes.find((entry) => String(entry.id) === classID);
        await rerender(String(chosen.title || chosen.course) + (named ? " · " + String(named.name) : ""));
      });
    }
    if (select && picker) {
      select.replaceChildren(...courses.map((course) => {
        const option = element("option", "", String(course.title || course.course));
        option.value = course.course;
        return option;
      }));
      select.value = chosen.course;
      picker.hidden = false;
      select.addEventListener("change", async () => {
        chosen = courses.find((course) => course.course === select.value) || chosen;
        remember("course", chosen.course);
        await rerender(String(chosen.title || chosen.course));
      });
    }
    await render();
  }

  function courseView(data, say, classID) {
    const title = String(data.title || data.course);
    const group = classID ? "&class=" + enc(classID) : "";
    const path = "/analytics/courses/" + enc(data.course) + "?days=" + DAYS + group + "&format=csv&table=";
    const named = data.course + (classID ? "-class" + classID : "");
    const csv = (table) => downloadButton(t("teaching.csv." + table), path + table, named + "-" + table + ".csv", say);
    const view = element("div", "teaching-course-body");
    const heading = element("h3", "teaching-course-title");
    const link = element("a", "", title);
    link.href = enc(data.course) + "/index.html";
    heading.append(link);
    view.append(heading, figures([
      [t("teaching.enrollments"), formatNumber(Number(data.enrollments) || 0)],
      [t("teaching.activeLearners", { days: formatNumber(DAYS) }), formatNumber(Number(data.active_learners) || 0)],
      [t("teaching.completedLearners"), formatNumber(Number(data.completed_learners) || 0)],
      [t("teaching.completionRate"), percent(data.completion_rate)],
      [t("teaching.averageScore"), data.average_score === undefined ? "—" : percent(data.average_score)]
    ]));
    view.append(subsection(t("teaching.scoresHeading"), [scoreHistogram(title, data.score_distribution || [])]));
    const lessons = Array.isArray(data.lessons) ? data.lessons : [];
    if (lessons.length > 0) view.append(subsection(t("teaching.lessonsHeading"), [lessonFunnel(title, lessons), actions(csv("lessons"))]));
    const quizzes = Array.isArray(data.quizzes) ? data.quizzes : [];
    if (quizzes.length > 0) {
      view.append(subsection(t("teaching.quizzesHeading"), [actions(csv("quizzes"), csv("questions")),
        element("p", "hint", t("teaching.discriminationHint", { threshold: decimal(REVIEW_BELOW, 1) }))].concat(quizzes.map(quizBlock))));
    }
    const learners = Array.isArray(data.learners) ? data.learners : [];
    view.append(subsection(t("teaching.learnersHeading"), [learnersTable(title, learners, quizzes), actions(csv("learners"))]));
    if (learners.length > 0 && quizzes.length > 0) view.append(subsection(t("teaching.grantHeading"), [grantForm(data.course, learners, quizzes)]));
    // The grades and gradebook (gradebook.js, loaded before this file on teaching.html).
    if (global.LecternGradebook) view.append(global.LecternGradebook.section(data, { say, downloadButton, subsection, percent, actions }));
    return view;
  }

  /** Gives a learner one more attempt at a quiz than its max_attempts allows (the server logs it). */
  function grantForm(slug, learners, quizzes) {
    const form = element("form", "teaching-grant");
    const field = (label, id, options) => {
      const wrapper = element("p", "field");
      const labelElement = element("label", "", label);
      labelElement.htmlFor = id;
      const select = element("select");
      select.id = id;
      for (const [value, text] of options) {
        const option = element("option", "", text);
        option.value = value;
        select.append(option);
      }
      wrapper.append(labelElement, select);
      form.append(wrapper);
      return select;
    };
    const learner = field(t("teaching.learner"), "lectern-grant-learner",
      learners.map((entry) => [String(entry.id), String(entry.name || entry.username) + " (" + String(entry.username || "") + ")"]));
    const quiz = field(t("teaching.grantQuiz"), "lectern-grant-quiz", quizzes.map((entry) => [String(entry.id), String(entry.title || entry.id)]));
    const button = element("button", "button-primary", t("teaching.grantButton"));
    button.type = "submit";
    const status = element("p", "teaching-grant-status");
    status.setAttribute("role", "status");
    form.append(button, status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        const granted = await server.api("POST", "/courses/" + enc(slug) + "/quizzes/" + enc(quiz.value) + "/extra-attempts",
          { user_id: Number(learner.value) });
        const names = { learner: learner.selectedOptions[0].textContent, quiz: quiz.selectedOptions[0].textContent };
        status.textContent = Number.isFinite(granted.left)
          ? tn("teaching.granted", granted.left, names) : t("teaching.grantedUnlimited", names);
      } catch (error) {
        status.textContent = error.signedOut ? t("account.sessionEnded") : String(error.detail || error);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  function subsection(title, children) {
    const section = element("section", "teaching-subsection");
    section.append(element("h4", "", title), ...children);
    return section;
  }

  function actions(...buttons) {
    const paragraph = element("p", "dashboard-actions");
    buttons.forEach((button, index) => {
      if (index > 0) paragraph.append(" ");
      paragraph.append(button);
    });
    return paragraph;
  }

  /** Learners' best scores in ten bands of 10 points. */
  function scoreHistogram(courseTitle, distribution) {
    const counts = Array.from({ length: 10 }, (unused, index) => Number(distribution[index]) || 0);
    const bands = counts.map((unused, index) => t("teaching.band", { from: formatNumber(index * 10), to: formatNumber(index === 9 ? 100 : index * 10 + 9) }));
    const total = counts.reduce((sum, value) => sum + value, 0);
    const label = total === 0 ? t("teaching.histogramEmpty", { course: courseTitle })
      : t("teaching.histogramLabel", {
        course: courseTitle,
        bands: counts.map((count, index) => (count > 0 ? t("teaching.bandCount", { band: bands[index], count: tn("teaching.countScores", count) }) : ""))
          .filter(Boolean).join(t("dashboard.listSeparator"))
      });
    const chart = columnChart(label, bands.map((band) => ({ label: band, tick: band })),
      [{ className: "series-lessons", name: t("teaching.scoresSeries"), values: counts }]);
    chart.classList.add("histogram");
    const table = dataTable(t("teaching.histogramTable", { course: courseTitle }), [t("teaching.bandHeader"), t("teaching.scoresSeries")],
      bands.map((band, index) => [band, counts[index]]));
    return chartFigure(t("teaching.histogramCaption"), chart, table);
  }

  /** How far learners get: each lesson's share of enrolled learners who completed it, in course order, with
   *  the previous lesson's share behind it so the drop-off shows. */
  function lessonFunnel(courseTitle, lessons) {
    const rows = lessons.map((lesson, index) => ({
      label: String(lesson.title || lesson.id), value: Number(lesson.percent) || 0, text: percent(lesson.percent),
      ghost: index === 0 ? null : Number(lessons[index - 1].percent) || 0
    }));
    const label = t("teaching.funnelLabel", {
      course: courseTitle,
      lessons: lessons.map((lesson) => t("teaching.funnelItem", { lesson: String(lesson.title || lesson.id), percent: percent(lesson.percent) }))
        .join(t("dashboard.listSeparator"))
    });
    const table = dataTable(t("teaching.funnelTable", { course: courseTitle }),
      [t("teaching.lesson"), t("teaching.module"), t("teaching.completed"), t("teaching.completedShare"), t("teaching.dropOff")],
      lessons.map((lesson) => [String(lesson.title || lesson.id), String(lesson.module || ""), Number(lesson.completed) || 0,
        { text: percent(lesson.percent), numeric: true }, Number(lesson.drop_off) || 0]));
    return chartFigure(t("teaching.funnelCaption"), barChart(label, rows, "funnel"), table,
      [["series-lessons", t("teaching.completedShare")], ["chart-ghost-swatch", t("teaching.dropOff")]]);
  }

  function quizBlock(quiz) {
    const block = element("section", "teaching-quiz");
    const title = String(quiz.title || quiz.id);
    block.append(element("h5", "", title));
    const facts = element("p", "teaching-quiz-facts", [
      t("teaching.quizAttempts", { count: formatNumber(Number(quiz.attempts) || 0) }),
      t("teaching.quizLearners", { count: formatNumber(Number(quiz.learners) || 0) }),
      t("teaching.quizPassMark", { value: percent(quiz.pass_score) }),
      quiz.average_best_score === undefined ? "" : t("teaching.quizAverage", { value: percent(quiz.average_best_score) }),
      quiz.pass_rate === undefined ? "" : t("teaching.quizPassRate", { value: percent(quiz.pass_rate) })
    ].filter(Boolean).join(" · "));
    block.append(facts);
    const questions = Array.isArray(quiz.questions) ? quiz.questions : [];
    block.append(dataTable(t("teaching.questionsTable", { quiz: title }),
      [t("teaching.question"), t("teaching.type"), t("teaching.responses"), t("teaching.percentCorrect"), t("teaching.discrimination")],
      questions.map((question) => [plainPrompt(question.prompt) || String(question.id), t("teaching.type." + question.type),
        Number(question.responses) || 0, correctCell(question.percent_correct), discriminationCell(question.discrimination)])));
    return block;
  }

  function correctCell(value) {
    const cell = element("span", "percent-correct");
    if (value === undefined || value === null) {
      cell.textContent = "—";
      return cell;
    }
    cell.append(miniBar(value), " ", element("span", "", percent(value)));
    return cell;
  }

  function discriminationCell(value) {
    const cell = element("span", "discrimination");
    if (value === undefined || value === null) {
      cell.textContent = "—";
      return cell;
    }
    cell.append(element("span", "", decimal(Number(value), 2)));
    if (Number(value) < REVIEW_BELOW) {
      const flag = element("span", "review-flag");
      const icon = element("span", "review-flag-icon", "⚑");
      icon.setAttribute("aria-hidden", "true");
      flag.append(icon, " ", t("teaching.reviewQuestion"));
      cell.append(" ", flag);
    }
    return cell;
  }

  function learnersTable(courseTitle, learners, quizzes) {
    const headers = [t("teaching.learner"), t("account.username"), t("account.email"), t("dashboard.enrolledOn"),
      t("teaching.lessonsDone"), t("teaching.progress"), t("teaching.courseCompleted"), t("dashboard.lastActive"), t("teaching.grade")]
      .concat(quizzes.map((quiz) => String(quiz.title || quiz.id)));
    const rows = learners.map((learner) => {
      const scores = learner.best_scores && typeof learner.best_scores === "object" ? learner.best_scores : {};
      return [String(learner.name || learner.username), String(learner.username || ""), String(learner.email || ""), dateOf(learner.enrolled_at),
        Number(learner.lessons_completed) || 0, { text: percent(learner.percent), numeric: true }, learner.completed ? t("teaching.yes") : t("teaching.no"),
        dateOf(learner.last_active), learner.grade ? String(learner.grade) : "—"]
        .concat(quizzes.map((quiz) => (scores[quiz.id] === undefined ? "—" : { text: percent(scores[quiz.id]), numeric: true })));
    });
    if (rows.length === 0) return element("p", "dashboard-empty", t("teaching.noLearners"));
    return dataTable(t("teaching.learnersTable", { course: courseTitle }), headers, rows);
  }

  /* ---------------------------------------------------------------- The whole server (administrators) */

  async function showSystem(ui) {
    const section = document.getElementById("lectern-teaching-system");
    const view = document.getElementById("lectern-teaching-system-view");
    if (!section || !view) return;
    const data = await server.api("GET", "/analytics/system?days=" + DAYS);
    const users = data.users || {};
    const number = (value) => formatNumber(Number(value) || 0);
    view.replaceChildren(
      element("h3", "", t("teaching.accountsHeading")),
      figures([
        [t("teaching.students"), number(users.students)], [t("teaching.instructors"), number(users.instructors)], [t("teaching.admins"), number(users.admins)],
        [t("teaching.disabled"), number(users.disabled)], [t("teaching.pending"), number(users.pending_instructors)],
        [t("teaching.newAccounts", { days: formatNumber(DAYS) }), number(users.new)], [t("teaching.activeAccounts", { days: formatNumber(DAYS) }), number(users.active)]
      ]),
      element("h3", "", t("teaching.learningHeading")),
      figures([
        [t("teaching.enrollments"), number(data.enrollments)], [t("dashboard.lessonsCompleted"), number(data.lesson_completions)],
        [t("teaching.attemptsSubmitted"), number(data.attempts_submitted)], [t("teaching.certificatesIssued"), number(data.certificates_issued)],
        [t("teaching.certificatesRevoked"), number(data.certificates_revoked)], [t("teaching.reviews"), number(data.reviews)]
      ]),
      activityFigure(t("teaching.systemActivityCaption", { days: formatNumber(DAYS) }), Array.isArray(data.activity) ? data.activity : [], [
        { key: "lesson_completions", className: "series-lessons", name: t("dashboard.seriesLessons"), count: "dashboard.countLessons" },
        { key: "attempts_submitted", className: "series-quizzes", name: t("dashboard.seriesQuizzes"), count: "dashboard.countQuizzes" },
        { key: "logins", className: "series-logins", name: t("teaching.seriesLogins"), count: "teaching.countLogins" }
      ]),
      element("h3", "", t("teaching.coursesTableHeading")),
      dataTable(t("teaching.coursesTable"),
        [t("teaching.course"), t("teaching.enrollments"), t("teaching.activeLearners", { days: formatNumber(DAYS) }), t("teaching.completionRate"),
          t("teaching.averageScore"), t("teaching.certificatesIssued"), t("teaching.reviews"), t("teaching.averageRating")],
        (Array.isArray(data.courses) ? data.courses : []).map((course) => [String(course.title || course.course), Number(course.enrollments) || 0,
          Number(course.active_learners) || 0, { text: percent(course.completion_rate), numeric: true },
          course.average_score === undefined ? "—" : { text: percent(course.average_score), numeric: true }, Number(course.certificates) || 0,
          Number(course.reviews) || 0, course.average_rating === undefined ? "—" : Number(course.average_rating)])),
      actions(downloadButton(t("teaching.csv.system"), "/analytics/system?days=" + DAYS + "&format=csv", "courses.csv", ui.say))
    );
    section.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(typeof window !== "undefined" ? window : globalThis);
