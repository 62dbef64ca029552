/* Lectern SCORM data model formats: times and durations, interactions (ids per attempt, typed responses,
 * every correct-response pattern each edition can hold) and bookmarks, in SCORM 1.2's and 2004's types and
 * lengths. Pure functions; loaded by the launch page after scorm-record.js, before scorm.js. */
(function (global) {
  "use strict";

  const { pad, finiteOr, truncate, decimalString, parseNumber, sanitizeIdentifier, findItem } = global.LecternSCORMRecord;

  /* ---------------------------------------------------------------- Time formats (pure) */

  /** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (hours capped at 9999). */
  function formatTimespan12(ms) {
    const centis = Math.min(Math.max(0, Math.round(finiteOr(ms, 0) / 10)), 9999 * 360000 + 359999);
    const hours = Math.floor(centis / 360000);
    const minutes = Math.floor(centis / 6000) % 60;
    const seconds = Math.floor(centis / 100) % 60;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(centis % 100, 2);
  }

  /** SCORM 2004 timeinterval, an ISO 8601 duration to the hundredth of a second: PT1H2M3.45S, PT0S. */
  function formatDuration2004(ms) {
    const centis = Math.max(0, Math.round(finiteOr(ms, 0) / 10));
    const hours = Math.floor(centis / 360000);
    const minutes = Math.floor(centis / 6000) % 60;
    const seconds = (centis % 6000) / 100;
    let text = "PT";
    if (hours) text += hours + "H";
    if (minutes) text += minutes + "M";
    if (seconds || (!hours && !minutes)) text += decimalString(seconds) + "S";
    return text;
  }

  /** SCORM 1.2 CMITime: the local time of day, HH:MM:SS. */
  function formatTime12(ms) {
    const date = new Date(ms);
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /** SCORM 2004 time(second,10,0): local date and time, YYYY-MM-DDThh:mm:ss. */
  function formatTimestamp2004(ms) {
    const date = new Date(ms);
    return pad(date.getFullYear(), 4) + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) +
      "T" + formatTime12(ms);
  }

  /* ---------------------------------------------------------------- Interactions (pure) */

  const INTERACTION_TYPES = { single: "choice", multiple: "choice", true_false: "true-false", short: "fill-in", numeric: "numeric" };

  /** A SCORM 1.2 choice is one character: a–z by the choice's authored position (so shuffling never
   *  changes it), then 0–9; null past 36 choices or for an unknown id. */
  function choiceLetter(choices, id) {
    const index = choices.indexOf(id);
    if (index < 0 || index >= 36) return null;
    return index < 26 ? String.fromCharCode(97 + index) : String(index - 26);
  }

  function idsOf(value) {
    if (Array.isArray(value)) return value.filter((id) => typeof id === "string" && id !== "");
    return typeof value === "string" && value !== "" ? [value] : [];
  }

  /** Ids in authored order (a learner's ticks come in screen order, which may be shuffled). */
  function inAuthoredOrder(ids, choices) {
    const position = (id) => (choices.indexOf(id) < 0 ? choices.length : choices.indexOf(id));
    return ids.slice().sort((a, b) => position(a) - position(b));
  }

  function letters(ids, choices) {
    return inAuthoredOrder(ids, choices).map((id) => choiceLetter(choices, id)).filter(Boolean).join(",");
  }

  function shortText(value) {
    return typeof value === "string" ? value.trim().replace(/\s+/g, " ") : "";
  }

  function numberText(value) {
    const number = parseNumber(typeof value === "string" ? value : "");
    return Number.isFinite(number) ? decimalString(number) : "";
  }

  /** student_response (1.2) or learner_response (2004); "" when there is nothing valid to report. */
  function formatResponse(edition, question) {
    const choices = Array.isArray(question.choices) ? question.choices : [];
    const response = question.response;
    switch (question.type) {
      case "single":
      case "multiple":
        return edition === "1.2" ? letters(idsOf(response), choices)
          : inAuthoredOrder(idsOf(response), choices).map((id) => sanitizeIdentifier(id, 250)).join("[,]");
      case "true_false":
        return trueFalse(edition, idsOf(response)[0]);
      case "short":
        return truncate(shortText(response), edition === "1.2" ? 255 : 250);
      case "numeric":
        return numberText(response);
      default:
        return "";
    }
  }

  function trueFalse(edition, id) {
    if (id !== "true" && id !== "false") return "";
    return edition === "1.2" ? id.charAt(0) : id;
  }

  /** The fill-in patterns SCORM 2004 LMSs must keep at least (its smallest permitted maximum). */
  const FILL_IN_PATTERNS_2004 = 5;

  /** correct_responses.n.pattern: the correct answer in the edition's response format; for short
   *  answers in SCORM 2004 one pattern per accepted answer (up to 5, the smallest maximum LMSs must
   *  keep), for numbers a range min[:]max by the tolerance (SCORM 1.2 has no range: the exact value). */
  function formatPatterns(edition, question) {
    const key = question.key || {};
    const choices = Array.isArray(question.choices) ? question.choices : [];
    const correct = idsOf(key.correct);
    switch (question.type) {
      case "single":
        return [formatResponse(edition, { type: "single", choices, response: correct.slice(0, 1) })];
      case "multiple":
        return [formatResponse(edition, { type: "multiple", choices, response: correct })];
      case "true_false":
        return [trueFalse(edition, correct[0])];
      case "short": {
        const accepted = idsOf(key.accepted).map(shortText).filter((text) => text !== "");
        if (edition === "1.2") return [truncate(accepted[0] || "", 255)];
        const prefix = "{case_matters=" + (key.caseSensitive === true) + "}";
        const patterns = [];
        for (const text of accepted) {
          const pattern = prefix + truncate(text, 250);
          if (patterns.indexOf(pattern) < 0 && patterns.length < FILL_IN_PATTERNS_2004) patterns.push(pattern);
        }
        return patterns;
      }
      case "numeric": {
        const value = Number(key.value);
        if (!Number.isFinite(value)) return [];
        if (edition === "1.2") return [decimalString(value)];
        const tolerance = Math.abs(finiteOr(key.tolerance, 0));
        return [decimalString(value - tolerance) + "[:]" + decimalString(value + tolerance)];
      }
      default:
        return [];
    }
  }

  /** The first pattern (what SCORM 1.2 reports), "" when there is none. */
  function formatPattern(edition, question) {
    return formatPatterns(edition, question)[0] || "";
  }

  /** The interaction id of one question in one attempt: the first attempt's is <quiz code>_<question id>,
   *  a retake's adds ".<attempt>", so every attempt gets its own interactions (SCORM 2004 LMSs refuse an
   *  id already used at another index). */
  function interactionId(edition, quizCode, questionId, attempt) {
    const max = edition === "1.2" ? 255 : 4000;
    const suffix = attempt > 1 ? "." + Math.floor(attempt) : "";
    return sanitizeIdentifier(quizCode + "_" + questionId, max - suffix.length) + suffix;
  }

  /** SCORM 2004 description: {lang=…} and the prompt, 250 characters in all. */
  function formatDescription(language, prompt) {
    const text = shortText(prompt);
    if (!text) return "";
    const prefix = language ? "{lang=" + language + "}" : "";
    return prefix + truncate(text, 250 - prefix.length);
  }

  /**
   * The elements (after cmi.interactions.n.) and values recording one question of one quiz submission,
   * in the order SCORM 2004 requires (id, then type, before responses). Empty values are left out: an
   * unanswered true-false or numeric question has no valid response to report.
   */
  function interactionFields(edition, question, quizCode, submittedAt, language, attempt) {
    const type = INTERACTION_TYPES[question.type];
    if (!type) return [];
    const v12 = edition === "1.2";
    const latency = Math.max(0, finiteOr(question.latencyMs, 0));
    const patterns = formatPatterns(edition, question).filter((pattern) => pattern !== "");
    const fields = [
      ["id", interactionId(edition, quizCode, String(question.id), finiteOr(attempt, 1))],
      ["type", type],
      v12 ? null : ["description", formatDescription(language, question.prompt)],
      [v12 ? "student_response" : "learner_response", formatResponse(edition, question)],
      ...patterns.map((pattern, index) => ["correct_responses." + index + ".pattern", pattern]),
      ["result", question.correct ? "correct" : v12 ? "wrong" : "incorrect"],
      ["weighting", decimalString(finiteOr(question.points, 0))],
      ["latency", v12 ? formatTimespan12(latency) : formatDuration2004(latency)],
      v12 ? ["time", formatTime12(submittedAt)] : ["timestamp", formatTimestamp2004(submittedAt)]
    ];
    return fields.filter((field) => field && field[1] !== "");
  }

  /* ---------------------------------------------------------------- Bookmarks (pure) */

  /** The page href when it fits the location element, else the item's code; null when neither can. */
  function bookmarkFor(href, itemId, scope, limit) {
    if (href && href.length <= limit) return href;
    const item = findItem(scope, itemId, href);
    return item && item.code.length <= limit ? item.code : null;
  }

  /** A page of this package, relative and without any way out of it (the LMS hands this value back,
   *  and it becomes the frame's src). */
  function isPackagePage(href) {
    return /^[A-Za-z0-9._~%-]+(\/[A-Za-z0-9._~%-]+)*\.html$/.test(href) && !/(^|\/)\.\.?(\/|$)/.test(href);
  }

  /** The stored bookmark → the page to open, or null (a code of this scope, or a package page). */
  function resolveBookmark(value, scope) {
    if (typeof value !== "string" || value === "") return null;
    const item = scope.lessons.concat(scope.quizzes).find((candidate) => candidate.code === value);
    if (item && isPackagePage(item.href)) return item.href;
    return isPackagePage(value) ? value : null;
  }


  global.LecternSCORMFormats = {
    formatTimespan12, formatDuration2004, interactionId, interactionFields, bookmarkFor, isPackagePage, resolveBookmark
  };
})((typeof window !== "undefined" ? window : globalThis));
