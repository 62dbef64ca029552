/* Lectern grading: the rules the server's grader (Sources/CourseModel/Grading.swift) applies, for quizzes
 * graded in the browser and for the SCORM runtime's answer formats. Both sides must pass the shared cases
 * in Tests/SharedCases/grading.json (run in headless Chromium by the test suite); a rule changes there
 * first, then here and in Swift, and docs/course-format.md says it in words.
 *
 * An answer is what a client sends as JSON: a string (a choice id, typed text, a number written out), a
 * list of choice ids, a number or a boolean. ES2019, no dependencies, one global: LecternGrading. */
(function (global) {
  "use strict";

  // JavaScript's \s, which the Swift side copies: where words split.
  const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

  /** Digits of other scripts and separators a learner's keyboard may give, as ASCII. */
  function asciiNumber(text) {
    let out = "";
    for (const character of text) {
      const code = character.codePointAt(0);
      if (code >= 0x660 && code <= 0x669) out += String(code - 0x660);          // Arabic-Indic digits
      else if (code >= 0x6f0 && code <= 0x6f9) out += String(code - 0x6f0);     // Extended Arabic-Indic
      else if (code >= 0xff10 && code <= 0xff19) out += String(code - 0xff10);  // full-width digits
      else if (code === 0x2c || code === 0x66b) out += ".";                     // decimal comma, Arabic separator
      else if (code === 0x2212) out += "-";                                     // minus sign
      else out += character;
    }
    return out;
  }

  /** A typed number, or NaN: one decimal separator (point or comma), an optional sign and exponent; no
   *  digit grouping, hexadecimal, infinity or NaN. */
  function parseNumber(text) {
    if (typeof text !== "string") return NaN;
    const cleaned = asciiNumber(text.replace(/^[\s\ufeff]+|[\s\ufeff]+$/g, ""));
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return NaN;
    const number = Number(cleaned);
    return Number.isFinite(number) ? number : NaN;
  }

  /** Within the tolerance, with room for the rounding of decimal fractions. */
  function numberMatches(given, value, tolerance) {
    return Math.abs(given - value) <= tolerance + 1e-9 * Math.max(1, Math.abs(value));
  }

  /** NFC; outer white space dropped and inner runs made one space; unless case-sensitive, lowercased with
   *  final sigma and sharp s folded; with ignoreAccents, combining marks dropped. */
  function normalizeShortAnswer(text, caseSensitive, ignoreAccents) {
    let result = String(text).normalize("NFC").split(SPACE).filter((word) => word !== "").join(" ");
    if (ignoreAccents) result = result.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC");
    if (!caseSensitive) result = result.toLowerCase().replace(/ς/g, "σ").replace(/ß/g, "ss").normalize("NFC");
    return result;
  }

  /** The one chosen id of a single or true_false answer: a string, or a list holding exactly one. */
  function oneChoice(answer) {
    if (typeof answer === "string") return answer !== "" ? answer : null;
    if (Array.isArray(answer) && answer.length === 1 && typeof answer[0] === "string" && answer[0] !== "") return answer[0];
    return null;
  }

  /** Whether one answer is right, for a question of a quiz key (the builder's QuizKey). */
  function isCorrect(question, answer) {
    if (answer === undefined || answer === null) return false;
    switch (question.type) {
      case "single": {
        const id = oneChoice(answer);
        return id !== null && (question.correct || [])[0] === id;
      }
      case "true_false": {
        const id = typeof answer === "boolean" ? String(answer) : oneChoice(answer);
        return id !== null && (question.correct || [])[0] === id;
      }
      case "multiple": {
        let ids;
        if (Array.isArray(answer)) ids = answer.filter((id) => typeof id === "string" && id !== "");
        else if (typeof answer === "string" && answer !== "") ids = [answer];
        else return false;
        const chosen = new Set(ids);
        const correct = new Set(question.correct || []);
        if (chosen.size === 0 || chosen.size !== correct.size) return false;
        for (const id of chosen) if (!correct.has(id)) return false;
        return true;
      }
      case "short": {
        if (typeof answer !== "string") return false;
        const given = normalizeShortAnswer(answer, question.caseSensitive === true, question.ignoreAccents === true);
        if (given === "") return false;
        return (question.accepted || []).some((accepted) =>
          normalizeShortAnswer(accepted, question.caseSensitive === true, question.ignoreAccents === true) === given);
      }
      case "numeric": {
        const given = typeof answer === "number" ? (Number.isFinite(answer) ? answer : NaN) : parseNumber(answer);
        return Number.isFinite(given) && numberMatches(given, Number(question.value), Number(question.tolerance) || 0);
      }
      default:
        return false;
    }
  }

  /** Percent of the points, one decimal, rounded half up; 0 for a quiz worth nothing. */
  function scoreOf(earned, total) {
    return total > 0 ? Math.round((earned / total) * 1000) / 10 : 0;
  }

  /**
   * Grades answers ({questionId: answer}) against a quiz key.
   * Returns {score, earned, total, passed, questions: {id: {correct, earned, points}}}; unanswered is wrong.
   */
  function gradeQuiz(key, answers) {
    const results = {};
    let earned = 0;
    let total = 0;
    for (const question of key.questions || []) {
      const points = Number(question.points) || 0;
      const correct = isCorrect(question, answers ? answers[question.id] : undefined);
      total += points;
      if (correct) earned += points;
      results[question.id] = { correct, earned: correct ? points : 0, points };
    }
    const score = scoreOf(earned, total);
    return { score, earned, total, passed: score >= (Number(key.passScore) || 0), questions: results };
  }

  global.LecternGrading = { parseNumber, isCorrect, gradeQuiz };
})(typeof window !== "undefined" ? window : globalThis);
