/* Lectern progress records: the one definition of what a learner's progress in a course may hold,
 * loaded before lectern.js on course pages and before scorm.js on SCORM launch pages, so the two read
 * localStorage, the launch page and the LMS's suspend data by the same rule.
 *
 * A record is {completed: {lessonId: first view time in ms}, quizzes: {quizId: {best, last, attempts,
 * passed}}, open: {quizId: {startedAt, order, choices, answers}}, last: {itemId, href, title} | null}.
 * `open` holds a quiz attempt in progress: when it started (ms), the question and choice order shown,
 * and the answers given so far, so a reload or a tap away resumes it. Anything else is dropped: values come from other frames,
 * hand-edited storage or older pages, and must not break the page. ES2019, no dependencies. */
(function (global) {
  "use strict";

  function finiteOr(value, fallback) {
    const number = Number(value);
    return value !== null && value !== "" && Number.isFinite(number) ? number : fallback;
  }

  function empty() {
    return { completed: {}, quizzes: {}, open: {}, last: null };
  }

  function strings(value) {
    return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
  }

  /** An open attempt's fields of the right types, or null. Answers are a string or a list of strings. */
  function openAttempt(value) {
    if (!value || typeof value !== "object") return null;
    const startedAt = finiteOr(value.startedAt, 0);
    if (!(startedAt > 0)) return null;
    const choices = {};
    const answers = {};
    if (value.choices && typeof value.choices === "object") {
      for (const id of Object.keys(value.choices)) choices[id] = strings(value.choices[id]);
    }
    if (value.answers && typeof value.answers === "object") {
      for (const id of Object.keys(value.answers)) {
        const answer = value.answers[id];
        if (typeof answer === "string") answers[id] = answer;
        else if (Array.isArray(answer)) answers[id] = strings(answer);
      }
    }
    return { startedAt, order: strings(value.order), choices, answers };
  }

  /** The fields we understand, each of the right type; a view time must be a real moment (finite, > 0). */
  function sanitize(value) {
    const progress = empty();
    if (!value || typeof value !== "object") return progress;
    if (value.completed && typeof value.completed === "object") {
      for (const id of Object.keys(value.completed)) {
        const when = finiteOr(value.completed[id], 0);
        if (when > 0) progress.completed[id] = when;
      }
    }
    if (value.quizzes && typeof value.quizzes === "object") {
      for (const id of Object.keys(value.quizzes)) {
        const record = value.quizzes[id];
        if (!record || typeof record !== "object") continue;
        progress.quizzes[id] = {
          best: finiteOr(record.best, 0),
          last: finiteOr(record.last, 0),
          attempts: Math.max(0, Math.floor(finiteOr(record.attempts, 0))),
          passed: record.passed === true
        };
      }
    }
    if (value.open && typeof value.open === "object") {
      for (const id of Object.keys(value.open)) {
        const attempt = openAttempt(value.open[id]);
        if (attempt) progress.open[id] = attempt;
      }
    }
    const last = value.last;
    if (last && typeof last === "object" && typeof last.href === "string") {
      progress.last = { itemId: String(last.itemId || ""), href: last.href, title: String(last.title || "") };
    }
    return progress;
  }

  /** Percent with one decimal, the way every side rounds it (half away from zero). */
  function percentOf(part, whole) {
    return whole > 0 ? Math.round((part * 1000) / whole) / 10 : 100;
  }

  /**
   * Where a learner stands, by the one rule the site, SCORM packages and the server share
   * (Tests/SharedCases/progress.json holds the cases every side must pass):
   * - a lesson is done once viewed (any positive view time in `completed`);
   * - a quiz is passed once an attempt reached its pass mark (the record's `passed`);
   * - percent counts done lessons and passed quizzes over all of them, one decimal (100 when there are none);
   * - complete: the course's `completion` rule ("lessons", "quizzes" or "all") is met.
   * `items` is {lessons: [id], quizzes: [id], completion}; `progress` a sanitized record.
   */
  function standing(progress, items) {
    const lessons = Array.isArray(items.lessons) ? items.lessons : [];
    const quizzes = Array.isArray(items.quizzes) ? items.quizzes : [];
    const lessonsDone = lessons.filter((id) => progress.completed[id] > 0).length;
    const attempted = quizzes.filter((id) => progress.quizzes[id] && progress.quizzes[id].attempts > 0);
    const quizzesPassed = quizzes.filter((id) => progress.quizzes[id] && progress.quizzes[id].passed).length;
    const lessonsMet = lessonsDone === lessons.length;
    const quizzesMet = quizzesPassed === quizzes.length;
    const rule = items.completion === "lessons" || items.completion === "quizzes" ? items.completion : "all";
    return {
      lessons: lessons.length,
      quizzes: quizzes.length,
      lessonsDone,
      quizzesAttempted: attempted.length,
      quizzesPassed,
      percent: percentOf(lessonsDone + quizzesPassed, lessons.length + quizzes.length),
      complete: rule === "lessons" ? lessonsMet : rule === "quizzes" ? quizzesMet : lessonsMet && quizzesMet
    };
  }

  const api = { empty, sanitize, finiteOr, standing };
  global.LecternProgress = api;
})(typeof window !== "undefined" ? window : globalThis);
