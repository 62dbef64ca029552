/* Lectern SCO runtime: the script of a SCORM package's launch page (Templates/scorm-launch.mustache).
 *
 * The launch page owns the LMS session: it finds the LMS's API object, initializes once, shows the course
 * pages in #lectern-sco-frame, and terminates once when it goes away. The course pages (lectern.js) run
 * inside that frame and reach this runtime through window.parent.LecternSCO: they hand it their progress
 * and quiz results, and it turns them into SCORM data (suspend data, bookmark, status, score,
 * interactions), committing at most once per commitIntervalMs. Without an LMS the launch page simply
 * opens the course, which then keeps its progress in localStorage as a static site does.
 *
 * Works with SCORM 1.2 and SCORM 2004 4th edition, chosen by the package (config.edition). Nothing here
 * may break the page: every call into the LMS goes through LMS.invoke, which catches, checks the
 * "true"/"false" results and logs the LMS's own error with console.warn. The formats, suspend data and
 * status are pure functions, driven by the browser tests through a strict test LMS
 * (Tests/EndToEndTests/StrictLMS.swift). ES2019, no dependencies; progress.js and grading.js load first. */
(function (global) {
  "use strict";

  const STORAGE_PREFIX = "lectern:v1:progress:";   // shared with lectern.js
  const MAX_PARENT_HOPS = 500;                       // the ADL discovery algorithm's limit

  /* ---------------------------------------------------------------- Small helpers (pure) */

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function pad(value, width) {
    return String(value).padStart(width, "0");
  }

  // progress.js, loaded first, defines the progress record and its checks, shared with the course pages.
  const Progress = global.LecternProgress;
  const finiteOr = Progress.finiteOr;

  /** At most `max` UTF-16 units, never cutting a surrogate pair in two (LMSs count either way). */
  function truncate(text, max) {
    const string = String(text);
    if (string.length <= max) return string;
    let end = max;
    const last = string.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    return string.slice(0, end);
  }

  /** A decimal as CMI expects it: no exponent, at most 7 decimals (SCORM 2004's real(10,7)). */
  function decimalString(value) {
    const number = Number(value);
    if (!Number.isFinite(number)) return "";
    const rounded = Math.round(number * 1e7) / 1e7;
    const plain = String(rounded);
    if (!/e/i.test(plain)) return plain === "-0" ? "0" : plain;
    return rounded.toFixed(7).replace(/\.?0+$/, "");
  }

  // grading.js, loaded before this script, reads typed numbers as every grader does.
  const parseNumber = global.LecternGrading.parseNumber;

  /** Anything outside [A-Za-z0-9_.-] becomes "_", so ids are valid CMI identifiers in both editions. */
  function sanitizeIdentifier(text, max) {
    const clean = String(text).replace(/[^A-Za-z0-9_.-]/g, "_");
    return (clean === "" ? "_" : clean).slice(0, max);
  }

  function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  /* ---------------------------------------------------------------- Progress (pure) */

  const emptyProgress = Progress.empty;
  const cleanProgress = Progress.sanitize;

  /** Restored suspend data over local progress: completed lessons joined, best score and attempts the
   *  larger of the two, passed if either passed. Restored lessons have no view time, so they get `now`
   *  (lectern.js treats any positive time as "viewed"). */
  function mergeProgress(restored, local, now) {
    const merged = cleanProgress(local);
    if (!restored) return merged;
    for (const id of restored.completed) {
      if (!merged.completed[id]) merged.completed[id] = now;
    }
    for (const id of Object.keys(restored.quizzes)) {
      const saved = restored.quizzes[id];
      const mine = merged.quizzes[id];
      merged.quizzes[id] = mine ? {
        best: Math.max(mine.best, saved.best),
        last: mine.last,
        attempts: Math.max(mine.attempts, saved.attempts),
        passed: mine.passed || saved.passed
      } : { best: saved.best, last: saved.best, attempts: saved.attempts, passed: saved.passed };
    }
    return merged;
  }

  /* ---------------------------------------------------------------- Scope (pure) */

  /** The lessons and quizzes of this SCO and the rule that judges them, from the package's config. Each
   *  item has its code (`codeWidth` characters) and its key: the id's whole hash, whose last n characters
   *  are the item's code at width n (how an older package with other widths wrote it). */
  function scopeFromConfig(config) {
    const width = Math.max(1, Math.floor(finiteOr(config.codeWidth, 4)));
    const items = (list) => (Array.isArray(list) ? list : []).filter((item) =>
      item && typeof item.id === "string" && typeof item.code === "string" && item.code.length === width)
      .map((item) => Object.assign({}, item, { key: typeof item.key === "string" && item.key.endsWith(item.code) ? item.key : item.code }));
    return {
      lessons: items(config.lessons),
      quizzes: items(config.quizzes).map((quiz) => Object.assign(quiz, { questions: authoredQuestions(quiz.questions) })),
      codeWidth: width,
      completion: ["lessons", "quizzes", "all"].indexOf(config.completion) >= 0 ? config.completion : "all"
    };
  }

  /** A quiz's questions as the config lists them: [{id, choices: [choice id]}], in authored order. */
  function authoredQuestions(list) {
    return (Array.isArray(list) ? list : []).filter((question) => question && typeof question.id === "string")
      .map((question) => ({ id: question.id, choices: Array.isArray(question.choices) ? question.choices.filter((id) => typeof id === "string") : [] }));
  }

  function findItem(scope, itemId, href) {
    const all = scope.lessons.concat(scope.quizzes);
    return all.find((item) => itemId && item.id === itemId) || all.find((item) => href && item.href === href) || null;
  }

  /** An item's code at another width, or null when its key is too short to tell. */
  function codeAt(item, width) {
    return item.key.length >= width ? item.key.slice(item.key.length - width) : null;
  }

  /* ---------------------------------------------------------------- Suspend data (pure) */

  // Version 2 (written): 2|<width>|<lesson codes>|<quiz entries>[|<kept groups>[|<open attempts>]]
  //   width:        the code width of this record, in decimal
  //   lesson codes: the codes of the completed lessons, `width` characters each
  //   quiz entry:   code (width) + best score in tenths of a percent, 0–1000 (2 base36 chars)
  //                 + attempts 0–1295 (2 base36 chars) + passed ("1" or "0")
  //   kept groups:  entries of another width this package does not know (written by an older or newer
  //                 package of the course), kept as they were read: <width>.<lesson codes>.<quiz entries>,
  //                 groups joined by ","
  //   open attempts: quiz attempts in progress, joined by "," (see "Open attempts" below); best effort,
  //                 written only while the record still fits, and ignored by older readers of version 2
  //                 (they read four groups and the kept ones)
  // Codes this package does not know are kept too (after its own), so a record never loses what
  // another version of the course wrote.
  // Version 1 (read only): 1|<lesson codes>|<quiz entries>, quiz entry = code + best 0–100 (2 base36
  // chars) + attempts 0–35 (1 base36 char) + flag. It does not say its width: every width an older
  // package could have used (4–12) is tried, and the one under which the most codes are known wins.

  const SUSPEND_VERSION = "2";
  const MIN_WIDTH = 4;
  const MAX_WIDTH = 12;

  function base36(text) {
    return /^[0-9a-z]+$/.test(text) ? parseInt(text, 36) : NaN;
  }

  function quizEntry(code, record) {
    const tenths = clamp(Math.round(finiteOr(record.best, 0) * 10), 0, 1000);
    const attempts = clamp(Math.floor(finiteOr(record.attempts, 0)), 0, 1295);
    return code + pad(tenths.toString(36), 2) + pad(attempts.toString(36), 2) + (record.passed ? "1" : "0");
  }

  /** A quiz entry's fields after its code (v1 or v2), or null when malformed. */
  function readQuizFields(text, version) {
    const best = base36(text.slice(0, 2));
    const attempts = base36(version === "1" ? text.charAt(2) : text.slice(2, 4));
    const flag = text.charAt(version === "1" ? 3 : 4);
    if (!Number.isFinite(best) || !Number.isFinite(attempts) || (flag !== "0" && flag !== "1")) return null;
    return { best: version === "1" ? Math.min(100, best) : Math.min(1000, best) / 10, attempts, passed: flag === "1" };
  }

  /** Splits a string into pieces of `size` characters; null when it does not divide evenly. */
  function chunks(text, size) {
    if (size <= 0 || text.length % size !== 0) return null;
    const pieces = [];
    for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
    return pieces;
  }

  /** Code at `width` → item id, leaving out codes two items share at that width: an older package
   *  knew only one of them (it chose its width so), but which one cannot be told, so such a code is
   *  credited to neither and kept as it was read. */
  function codeMap(items, width) {
    const map = new Map();
    for (const item of items) {
      const code = codeAt(item, width);
      if (code === null) continue;
      map.set(code, map.has(code) ? null : item.id);
    }
    return map;
  }

  /** Reads one group of entries at one width into `restored`; entries of codes it does not know are
   *  kept (as v2 entries) under their width. Returns how many codes it knew. */
  function readGroup(restored, scope, width, lessonText, quizText, version) {
    const entrySize = width + (version === "1" ? 4 : 5);
    const lessonCodes = chunks(lessonText, width);
    const quizEntries = chunks(quizText, entrySize);
    if (!lessonCodes || !quizEntries) return -1;
    const lessons = codeMap(scope.lessons, width);
    const quizzes = codeMap(scope.quizzes, width);
    const kept = restored.kept[width] || { lessons: [], quizzes: [] };
    let known = 0;
    for (const code of lessonCodes) {
      const id = lessons.get(code);
      if (id) {
        known += 1;
        if (restored.completed.indexOf(id) < 0) restored.completed.push(id);
      } else if (kept.lessons.indexOf(code) < 0) {
        kept.lessons.push(code);
      }
    }
    for (const entry of quizEntries) {
      const code = entry.slice(0, width);
      const fields = readQuizFields(entry.slice(width), version);
      if (!fields) continue;
      const id = quizzes.get(code);
      if (id) {
        known += 1;
        const before = restored.quizzes[id];
        restored.quizzes[id] = before ? { best: Math.max(before.best, fields.best), attempts: Math.max(before.attempts, fields.attempts),
          passed: before.passed || fields.passed } : fields;
      } else {
        kept.quizzes = kept.quizzes.filter((other) => other.slice(0, width) !== code).concat([quizEntry(code, fields)]);
      }
    }
    if (kept.lessons.length > 0 || kept.quizzes.length > 0) restored.kept[width] = kept;
    return known;
  }

  function emptyRecord() {
    return { completed: [], quizzes: {}, kept: {}, open: {} };
  }

  /** Suspend data → {completed: [lesson id], quizzes: {quiz id: {best, attempts, passed}}, kept: {width:
   *  {lessons: [code], quizzes: [v2 entry]}}}; null when empty; undefined when it cannot be read (another
   *  format: the runtime then leaves the LMS's value alone). */
  function decodeSuspendData(text, scope) {
    if (typeof text !== "string" || text === "") return null;
    const fields = text.split("|");
    if (fields[0] === "1" && fields.length >= 3) return decodeVersion1(fields, scope);
    if (fields[0] !== SUSPEND_VERSION || fields.length < 4 || !/^\d{1,2}$/.test(fields[1])) return undefined;
    const width = parseInt(fields[1], 10);
    const restored = emptyRecord();
    if (width < 1 || readGroup(restored, scope, width, fields[2], fields[3], "2") < 0) return undefined;
    for (const group of (fields[4] || "").split(",").filter(Boolean)) {
      const [groupWidth, lessons, quizzes] = group.split(".");
      if (/^\d{1,2}$/.test(groupWidth) && parseInt(groupWidth, 10) > 0) readGroup(restored, scope, parseInt(groupWidth, 10), lessons || "", quizzes || "", "2");
    }
    restored.open = decodeOpenAttempts(fields[5] || "", scope, width);
    return restored;
  }

  /** Version 1 has no width: the width under which most codes are known, the package's own on a tie. */
  function decodeVersion1(fields, scope) {
    let best = null;
    const widths = [scope.codeWidth];
    for (let width = MIN_WIDTH; width <= MAX_WIDTH; width += 1) if (width !== scope.codeWidth) widths.push(width);
    for (const width of widths) {
      const restored = emptyRecord();
      const known = readGroup(restored, scope, width, fields[1], fields[2], "1");
      if (known >= 0 && (best === null || known > best.known)) best = { known, restored };
    }
    return best ? best.restored : undefined;
  }

  /** Progress (and the entries kept from the LMS's record) → suspend data of at most `limit` characters.
   *  Should it ever be too long, kept entries of other widths go first, then the lessons viewed longest
   *  ago, then the first quizzes (the builder makes sure the course's own entries always fit). Open
   *  attempts come last, in the room that is left (withOpenAttempts). */
  function encodeSuspendData(progress, scope, limit, kept) {
    const width = scope.codeWidth;
    const own = kept && kept[width] ? kept[width] : { lessons: [], quizzes: [] };
    const lessons = scope.lessons.filter((lesson) => progress.completed[lesson.id])
      .map((lesson, index) => ({ code: lesson.code, when: progress.completed[lesson.id], index }));
    const quizzes = scope.quizzes.filter((quiz) => {
      const record = progress.quizzes[quiz.id];
      return record && record.attempts > 0;
    }).map((quiz) => quizEntry(quiz.code, progress.quizzes[quiz.id]));
    const keptLessons = own.lessons.filter((code) => code.length === width && !scope.lessons.some((lesson) => lesson.code === code));
    const keptQuizzes = own.quizzes.filter((entry) => entry.length === width + 5 && !scope.quizzes.some((quiz) => entry.startsWith(quiz.code)));
    let groups = Object.keys(kept || {}).map(Number).filter((other) => other !== width).sort((a, b) => a - b)
      .map((other) => other + "." + kept[other].lessons.join("") + "." + kept[other].quizzes.join(""));
    const text = () => SUSPEND_VERSION + "|" + width + "|" + lessons.map((lesson) => lesson.code).join("") + keptLessons.join("") +
      "|" + quizzes.join("") + keptQuizzes.join("") + (groups.length > 0 ? "|" + groups.join(",") : "");
    while (text().length > limit && groups.length > 0) groups = groups.slice(1);
    while (text().length > limit && (keptLessons.length > 0 || keptQuizzes.length > 0)) {
      if (keptLessons.length > 0) keptLessons.shift(); else keptQuizzes.shift();
    }
    if (text().length > limit) {
      const dropped = new Set(lessons.slice().sort((a, b) => a.when - b.when || a.index - b.index)
        .slice(0, Math.ceil((text().length - limit) / width)).map((lesson) => lesson.index));
      lessons.splice(0, lessons.length, ...lessons.filter((lesson) => !dropped.has(lesson.index)));
    }
    while (text().length > limit && quizzes.length > 0) quizzes.shift();
    if (text().length > limit) return "";
    return withOpenAttempts(text() + (groups.length > 0 ? "" : "|"), text(), progress, scope, limit);
  }

  /* ---------------------------------------------------------------- Open attempts (pure) */

  // One open attempt: <quiz code>.<startedAt>.<check>.<order>.<choice orders>.<answers>, trailing empty
  // fields left out.
  //   startedAt:     ms since 1970 in base 36 (8 characters until 2059)
  //   check:         3 base-36 characters hashing the quiz's authored question and choice ids: indexes are
  //                  only read back by a package whose quiz has the same ones (else only startedAt is)
  //   order:         the questions in the order shown, as indexes into the authored order (1 base-36
  //                  character each, 2 past 36 questions); empty when it is the authored order
  //   choice orders: "-"-joined <question index><choice indexes> of the questions whose choices are not
  //                  in authored order (1 base-36 character per choice, 2 past 36 choices)
  //   answers:       "-"-joined <question index><kind><value>; kind "c" one choice (its index), "a" a list
  //                  of choices (their indexes, maybe none), "t" typed text: its first 250 UTF-16 units,
  //                  percent-encoded as UTF-8 with every character outside [A-Za-z0-9] escaped, so neither
  //                  separators nor non-ASCII characters appear
  // Room is made by dropping every attempt's answers first, then their orders, and only then attempts,
  // so the timer of an attempt that fits restarts never.

  const TEXT_ANSWER_MAX = 250;   // UTF-16 units of a typed answer kept in suspend data

  function fnv32(text) {
    let hash = 0x811c9dc5;
    for (let at = 0; at < text.length; at += 1) {
      hash ^= text.charCodeAt(at);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  }

  /** 3 base-36 characters standing for a quiz's authored questions and choices. */
  function structureCheck(questions) {
    const text = questions.map((question) => question.id + ":" + question.choices.join(",")).join(";");
    return pad((fnv32(text) % 46656).toString(36), 3);
  }

  /** Digits per index into a list of `count` (1 up to 36, 2 up to 1296). */
  function indexWidth(count) {
    return count <= 36 ? 1 : 2;
  }

  function indexText(index, width) {
    return pad(index.toString(36), width);
  }

  /** Reads `text` as indexes of `width` digits into `list`; null when one is malformed or out of range. */
  function indexesInto(text, width, list) {
    const pieces = chunks(text, width);
    if (!pieces) return null;
    const items = pieces.map((piece) => list[base36(piece)]);
    return items.every((item) => item !== undefined) ? items : null;
  }

  /** Typed text as [A-Za-z0-9%] only; null when it cannot be encoded (a lone surrogate). */
  function escapeText(text) {
    try {
      return encodeURIComponent(truncate(text, TEXT_ANSWER_MAX))
        .replace(/[^A-Za-z0-9%]/g, (character) => "%" + pad(character.charCodeAt(0).toString(16).toUpperCase(), 2));
    } catch (error) {
      return null;
    }
  }

  function unescapeText(text) {
    if (!/^[A-Za-z0-9%]*$/.test(text)) return null;
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return null;
    }
  }

  /** Whether `ids` holds every id of `authored` once, in another order. */
  function isPermutation(ids, authored) {
    return Array.isArray(ids) && ids.length === authored.length && authored.every((id) => ids.indexOf(id) >= 0);
  }

  /** An open attempt → its three texts: whole, without answers, with its start only ([] when it has no start). */
  function openAttemptTexts(quiz, attempt) {
    const startedAt = Math.floor(finiteOr(attempt.startedAt, 0));
    if (!(startedAt > 0)) return [];
    const questions = quiz.questions;
    const ids = questions.map((question) => question.id);
    const qw = indexWidth(questions.length);
    const head = quiz.code + "." + startedAt.toString(36) + "." + structureCheck(questions);
    const order = isPermutation(attempt.order, ids) && attempt.order.some((id, index) => id !== ids[index])
      ? attempt.order.map((id) => indexText(ids.indexOf(id), qw)).join("") : "";
    const choiceOrders = [];
    const answers = [];
    questions.forEach((question, index) => {
      const cw = indexWidth(question.choices.length);
      const shown = (attempt.choices || {})[question.id];
      if (isPermutation(shown, question.choices) && shown.some((id, at) => id !== question.choices[at])) {
        choiceOrders.push(indexText(index, qw) + shown.map((id) => indexText(question.choices.indexOf(id), cw)).join(""));
      }
      const answer = (attempt.answers || {})[question.id];
      if (Array.isArray(answer)) {
        answers.push(indexText(index, qw) + "a" + answer.filter((id) => question.choices.indexOf(id) >= 0)
          .map((id) => indexText(question.choices.indexOf(id), cw)).join(""));
      } else if (typeof answer === "string" && question.choices.indexOf(answer) >= 0) {
        answers.push(indexText(index, qw) + "c" + indexText(question.choices.indexOf(answer), cw));
      } else if (typeof answer === "string" && question.choices.length === 0) {
        const escaped = escapeText(answer);
        if (escaped !== null) answers.push(indexText(index, qw) + "t" + escaped);
      }
    });
    const join = (fields) => fields.join(".").replace(/\.+$/, "");
    return [join([head, order, choiceOrders.join("-"), answers.join("-")]), join([head, order, choiceOrders.join("-")]), head];
  }

  /** `base` (the record up to its kept groups, with their separator) plus the open attempts of the quizzes
   *  in scope that fit within `limit`; `fallback` when none does. */
  function withOpenAttempts(base, fallback, progress, scope, limit) {
    const attempts = scope.quizzes.filter((quiz) => progress.open && progress.open[quiz.id])
      .map((quiz) => ({ texts: openAttemptTexts(quiz, progress.open[quiz.id]), level: 0 }))
      .filter((attempt) => attempt.texts.length > 0);
    const text = () => {
      const kept = attempts.filter((attempt) => attempt.level < attempt.texts.length).map((attempt) => attempt.texts[attempt.level]);
      return kept.length > 0 ? base + "|" + kept.join(",") : fallback;
    };
    for (const level of [1, 2, 3]) {
      for (const attempt of attempts) {
        if (text().length <= limit) return text();
        attempt.level = Math.max(attempt.level, level);
      }
    }
    return text().length <= limit ? text() : fallback;
  }

  /** The open-attempts group → {quiz id: open attempt as the quiz page keeps it}, for the quizzes of this
   *  scope (at the record's code width); what cannot be read is left out. */
  function decodeOpenAttempts(text, scope, width) {
    const open = {};
    const quizzes = codeMap(scope.quizzes, width);
    for (const entry of text.split(",").filter(Boolean)) {
      const [code, started, check, order, choiceOrders, answers] = entry.split(".");
      const quiz = scope.quizzes.find((candidate) => candidate.id === quizzes.get(code));
      const startedAt = /^[0-9a-z]{1,11}$/.test(started || "") ? parseInt(started, 36) : NaN;
      if (!quiz || !(startedAt > 0) || open[quiz.id]) continue;
      open[quiz.id] = check === structureCheck(quiz.questions)
        ? readOpenAttempt(quiz.questions, startedAt, order || "", choiceOrders || "", answers || "")
        : { startedAt, order: [], choices: {}, answers: {} };
    }
    return open;
  }

  /** One open attempt's indexes → ids: the order and every question's choices as shown, and the answers. */
  function readOpenAttempt(questions, startedAt, orderText, choiceText, answerText) {
    const ids = questions.map((question) => question.id);
    const qw = indexWidth(questions.length);
    const attempt = { startedAt, order: ids.slice(), choices: {}, answers: {} };
    const order = orderText === "" ? null : indexesInto(orderText, qw, ids);
    if (order && isPermutation(order, ids)) attempt.order = order;
    for (const question of questions) if (question.choices.length > 0) attempt.choices[question.id] = question.choices.slice();
    for (const entry of choiceText.split("-").filter(Boolean)) {
      const question = questions[base36(entry.slice(0, qw))];
      const shown = question ? indexesInto(entry.slice(qw), indexWidth(question.choices.length), question.choices) : null;
      if (shown && isPermutation(shown, question.choices)) attempt.choices[question.id] = shown;
    }
    for (const entry of answerText.split("-").filter(Boolean)) {
      const question = questions[base36(entry.slice(0, qw))];
      if (!question) continue;
      const kind = entry.charAt(qw);
      const value = entry.slice(qw + 1);
      const cw = indexWidth(question.choices.length);
      if (kind === "a") {
        const chosen = indexesInto(value, cw, question.choices);
        if (chosen) attempt.answers[question.id] = chosen;
      } else if (kind === "c") {
        const chosen = indexesInto(value, cw, question.choices);
        if (chosen && chosen.length === 1) attempt.answers[question.id] = chosen[0];
      } else if (kind === "t" && question.choices.length === 0) {
        const typed = unescapeText(value);
        if (typed !== null) attempt.answers[question.id] = typed;
      }
    }
    return attempt;
  }

  /* ---------------------------------------------------------------- Status and score (pure) */

  /**
   * Judges the SCO's scope by the shared standing rule (progress.js) and the course's completion rule.
   * - raw: the average of the best scores of the quizzes in scope, two decimals; null (not reported)
   *   until every quiz in scope has been attempted, so a learner part-way through is never judged.
   * - SCORM 1.2 lessonStatus: "passed" when the rule is met and it counts the scope's quizzes;
   *   "completed" when the rule is met otherwise; "failed" when the rule is not met, every quiz in scope
   *   is attempted, one is not passed, and nothing else the rule counts is missing; "incomplete" otherwise.
   * - SCORM 2004: completion follows the rule; success is "passed" when every quiz in scope is passed,
   *   "failed" when every one is attempted and one is not passed, "unknown" otherwise (and always
   *   without quizzes); progressMeasure is the standing's percent / 100.
   */
  function computeStatus(progress, scope) {
    const standing = Progress.standing(progress, {
      lessons: scope.lessons.map((lesson) => lesson.id),
      quizzes: scope.quizzes.map((quiz) => quiz.id),
      completion: scope.completion
    });
    const hasQuizzes = standing.quizzes > 0;
    const allAttempted = hasQuizzes && standing.quizzesAttempted === standing.quizzes;
    const allPassed = hasQuizzes && standing.quizzesPassed === standing.quizzes;
    const quizzesCounted = hasQuizzes && scope.completion !== "lessons";
    const lessonsMissing = scope.completion !== "quizzes" && standing.lessonsDone < standing.lessons;
    const raw = allAttempted
      ? Math.round(scope.quizzes.reduce((sum, quiz) => sum + clamp(finiteOr(progress.quizzes[quiz.id].best, 0), 0, 100), 0)
        / standing.quizzes * 100) / 100
      : null;
    const failed = quizzesCounted && allAttempted && !allPassed && !lessonsMissing;
    return {
      ruleMet: standing.complete,
      raw,
      lessonStatus: standing.complete ? (quizzesCounted ? "passed" : "completed") : failed ? "failed" : "incomplete",
      completionStatus: standing.complete ? "completed" : "incomplete",
      successStatus: allPassed ? "passed" : allAttempted ? "failed" : "unknown",
      progressMeasure: clamp(standing.percent / 100, 0, 1),
      lessonsDone: standing.lessonsDone,
      quizzesAttempted: standing.quizzesAttempted,
      quizzesPassed: standing.quizzesPassed
    };
  }

  /** Whether writing status `next` would take back what the LMS recorded in an earlier session (progress
   *  lost with the browser's storage, or a republished course with more lessons): a pass stays a pass,
   *  a completion stays a completion; a failure may still become a pass. */
  function wouldUndo(recorded, next) {
    return recorded === "passed" ? next !== "passed" : recorded === "completed" && next === "incomplete";
  }

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

  /* ---------------------------------------------------------------- Finding the LMS API */

  /** A property of another window, or undefined when the browser refuses (another origin). */
  function peek(win, name) {
    try {
      return win[name];
    } catch (error) {
      return undefined;
    }
  }

  function isAPI(candidate, edition) {
    const method = edition === "1.2" ? "LMSInitialize" : "Initialize";
    try {
      return !!candidate && typeof candidate[method] === "function";
    } catch (error) {
      return false;
    }
  }

  /** Looks in `start` and its parents, as the ADL algorithm does: up to 500 levels, or the top. */
  function searchChain(start, name, edition) {
    let win = start;
    for (let hops = 0; win && hops <= MAX_PARENT_HOPS; hops += 1) {
      const candidate = peek(win, name);
      if (isAPI(candidate, edition)) return candidate;
      const parent = peek(win, "parent");
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  /** window.API (1.2) or window.API_1484_11 (2004) in this window's parents, then in its opener's and the
   *  top window's opener's (an LMS that launches SCOs in a pop-up). */
  function findAPI(win, edition) {
    const name = edition === "1.2" ? "API" : "API_1484_11";
    const top = peek(win, "top");
    const starts = [win, peek(win, "opener"), top ? peek(top, "opener") : undefined];
    for (const start of starts) {
      const api = start ? searchChain(start, name, edition) : null;
      if (api) return api;
    }
    return null;
  }

  /* ---------------------------------------------------------------- The LMS, safely */

  const METHODS = {
    "1.2": {
      initialize: "LMSInitialize", terminate: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic"
    },
    "2004": {
      initialize: "Initialize", terminate: "Terminate", get: "GetValue", set: "SetValue",
      commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic"
    }
  };

  const ELEMENTS = {
    "1.2": {
      entry: "cmi.core.entry", location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data",
      mode: "cmi.core.lesson_mode", learnerName: "cmi.core.student_name", exit: "cmi.core.exit",
      sessionTime: "cmi.core.session_time", interactions: "cmi.interactions", status: "cmi.core.lesson_status",
      score: "cmi.core.score"
    },
    "2004": {
      entry: "cmi.entry", location: "cmi.location", suspendData: "cmi.suspend_data",
      mode: "cmi.mode", learnerName: "cmi.learner_name", exit: "cmi.exit",
      sessionTime: "cmi.session_time", interactions: "cmi.interactions", status: "cmi.completion_status",
      score: "cmi.score"
    }
  };

  function warn(...parts) {
    if (global.console && typeof global.console.warn === "function") global.console.warn("Lectern SCORM:", ...parts);
  }

  /** One LMS API object behind calls that never throw and report the LMS's errors. */
  class LMS {
    constructor(api, edition) {
      this.api = api;
      this.methods = METHODS[edition];
    }

    /** Calls an API method; {ok: false} when it threw or does not exist. */
    invoke(method, ...args) {
      try {
        return { ok: true, value: this.api[this.methods[method]](...args) };
      } catch (error) {
        warn(this.methods[method] + " threw:", error);
        return { ok: false, value: undefined };
      }
    }

    errorCode() {
      const code = this.invoke("lastError");
      return code.ok && code.value !== null && code.value !== undefined ? String(code.value) : "";
    }

    /** Logs what the LMS says about its last error. */
    report(what) {
      const code = this.errorCode();
      const text = this.invoke("errorString", code);
      const diagnostic = this.invoke("diagnostic", code);
      const detail = diagnostic.ok && diagnostic.value && diagnostic.value !== text.value ? " (" + diagnostic.value + ")" : "";
      warn(what + " failed: error " + (code || "?") + " " + (text.ok ? String(text.value || "") : "") + detail);
    }

    /** Initialize/Commit/Terminate/SetValue: true only for the LMS's "true" (a string by the standard,
     *  a boolean in some LMSs). */
    act(method, what, ...args) {
      const result = this.invoke(method, ...args);
      if (result.ok && String(result.value) === "true") return true;
      if (result.ok) this.report(what);
      return false;
    }

    initialize() { return this.act("initialize", this.methods.initialize, ""); }
    commit() { return this.act("commit", this.methods.commit, ""); }
    terminate() { return this.act("terminate", this.methods.terminate, ""); }
    set(element, value) { return this.act("set", this.methods.set + "(" + element + ")", element, String(value)); }

    /** A value, or null when the LMS reports an error. Optional elements an LMS leaves unset are
     *  normal, so `quiet` reads do not log. */
    get(element, quiet) {
      const result = this.invoke("get", element);
      if (!result.ok) return null;
      const code = this.errorCode();
      if (code !== "" && code !== "0") {
        if (!quiet) this.report(this.methods.get + "(" + element + ")");
        return null;
      }
      return result.value === null || result.value === undefined ? "" : String(result.value);
    }
  }

  /* ---------------------------------------------------------------- Local storage (backup) */

  function writeLocal(courseId, progress) {
    try {
      global.localStorage.setItem(STORAGE_PREFIX + courseId, JSON.stringify(progress));
    } catch (error) {
      // No backup then; the LMS still has everything.
    }
  }

  /* ---------------------------------------------------------------- The runtime */

  /** One SCO session: what the LMS said at the start, the learner's progress, and what is still to be
   *  written. Writes are batched: change → schedule → flush (set what changed, commit). */
  class Runtime {
    constructor(config, lms) {
      this.config = config;
      this.edition = config.edition === "1.2" ? "1.2" : "2004";
      this.scope = scopeFromConfig(config);
      this.lms = lms;
      this.elements = ELEMENTS[this.edition];
      this.interval = Math.max(0, finiteOr(config.commitIntervalMs, 5000));
      this.outside = new Set(Array.isArray(config.outsideHrefs) ? config.outsideHrefs : []);
      this.suspendLimit = Math.max(0, finiteOr(config.suspendDataLimit, this.edition === "1.2" ? 4096 : 64000));
      this.locationLimit = Math.max(0, finiteOr(config.locationLimit, this.edition === "1.2" ? 255 : 1000));
      this.progress = emptyProgress();
      this.restored = null;         // the LMS's record as read: what may never be written back smaller
      this.kept = {};               // its entries this package does not know, written back as they were
      this.suspendUnreadable = false;
      this.interactionIds = new Set();
      this.written = {};            // element → last value set, so unchanged values are not sent again
      this.location = null;         // the bookmark to write
      this.pending = [];            // interactions to write: [[suffix, value], …] each
      this.interactionCount = 0;
      this.timer = null;
      this.lastCommitAt = 0;
      this.commits = 0;
      this.startedAt = Date.now();
      this.terminated = false;
      this.mode = "normal";
      this.entry = "";
      this.learnerName = "";
      this.initialStatus = {};
    }

    /** Reads what the LMS remembers and restores progress; returns the page to open first. */
    restore() {
      this.readSession();
      this.readRecorded();
      const e = this.elements;
      const restored = decodeSuspendData(this.written[e.suspendData] || "", this.scope);
      if (restored === undefined) {
        // Written by a package that knows a format this one does not: leave it as it is.
        this.suspendUnreadable = true;
        warn("cmi.suspend_data is in a format this package cannot read; it is left unchanged");
      }
      this.restored = restored || null;
      this.kept = restored ? restored.kept : {};
      // The LMS record is the learner's: on a shared computer this browser's storage may hold someone
      // else's progress, so it is never merged in; it only receives a copy as a backup.
      this.progress = mergeProgress(restored, null, Date.now());
      // Attempts left open in an earlier session: the quiz page resumes them as after a reload.
      if (restored) this.progress.open = cleanProgress({ open: restored.open }).open;
      const bookmark = resolveBookmark(this.written[e.location] || "", this.scope);
      if (bookmark) {
        const item = findItem(this.scope, "", bookmark);
        this.progress.last = { itemId: item ? item.id : "", href: bookmark, title: item ? String(item.title || "") : "" };
      }
      writeLocal(this.config.courseId, this.progress);
      return bookmark || startPage(this.config);
    }

    /** Who, how and how far: optional elements an LMS may leave unset read as their defaults. */
    readSession() {
      const e = this.elements;
      this.entry = this.lms.get(e.entry, true) || "";
      this.mode = this.lms.get(e.mode, true) || "normal";
      this.learnerName = this.lms.get(e.learnerName, true) || "";
      const count = parseInt(this.lms.get(e.interactions + "._count", true), 10);
      this.interactionCount = Number.isFinite(count) && count > 0 ? count : 0;
      // SCORM 2004 refuses an interaction id already used at another index (1.2's ids are write-only).
      if (this.edition === "2004" && this.mode !== "review") {
        for (let index = 0; index < this.interactionCount; index += 1) {
          const id = this.lms.get(e.interactions + "." + index + ".id", true);
          if (id) this.interactionIds.add(id);
        }
      }
    }

    /** The values this runtime writes, as the LMS holds them now: unchanged ones are not sent again,
     *  and the recorded status is what wouldUndo protects. */
    readRecorded() {
      const e = this.elements;
      const elements = [e.suspendData, e.location, e.status, e.score + ".raw", e.score + ".min", e.score + ".max"];
      if (this.edition === "2004") elements.push("cmi.success_status", e.score + ".scaled", "cmi.progress_measure");
      for (const element of elements) {
        const value = this.lms.get(element, true);
        if (value !== null) this.written[element] = value;
      }
      this.initialStatus = this.edition === "1.2"
        ? { lessonStatus: this.written[e.status] || "" }
        : { completionStatus: this.written[e.status] || "", successStatus: this.written["cmi.success_status"] || "" };
    }

    get tracking() {
      return this.mode !== "review" && !this.terminated;   // a review session must not change the record
    }

    /* -------- what the course pages call */

    loadProgress(courseId) {
      return courseId === this.config.courseId ? clone(this.progress) : null;
    }

    saveProgress(courseId, progress) {
      if (courseId !== this.config.courseId) return;
      // What the LMS held stays: a page's record never takes back what was read at the start.
      this.progress = mergeProgress(this.restored, cleanProgress(clone(progress)), Date.now());
      this.schedule();
    }

    pageShown(href, itemId) {
      if (typeof href !== "string" || !isPackagePage(href) || this.outside.has(href)) return;
      const bookmark = bookmarkFor(href, itemId, this.scope, this.locationLimit);
      if (bookmark === null) return;
      this.location = bookmark;
      this.schedule();
    }

    /** Queues one interaction per question of a quiz submission (lectern.js's lectern:quiz detail). */
    recordQuiz(detail) {
      if (!detail || !Array.isArray(detail.questions)) return;
      const quiz = this.scope.quizzes.find((candidate) => candidate.id === detail.quizId);
      if (!quiz) return;   // another SCO's quiz: that SCO picks the result up from local progress
      const submittedAt = finiteOr(detail.submittedAt, Date.now());
      // The page has already counted this attempt (saveProgress comes first).
      const record = this.progress.quizzes[quiz.id];
      let attempt = Math.max(1, record ? record.attempts : 1);
      const ids = (number) => detail.questions.map((question) => interactionId(this.edition, quiz.code, String((question || {}).id), number));
      while (ids(attempt).some((id) => this.interactionIds.has(id))) attempt += 1;
      for (const question of detail.questions) {
        const fields = interactionFields(this.edition, question || {}, quiz.code, submittedAt, this.config.language, attempt);
        if (fields.length === 0) continue;
        this.interactionIds.add(fields[0][1]);
        this.pending.push(fields);
      }
      this.schedule();
    }

    /* -------- writing */

    /** One flush at most every commitIntervalMs; changes in between join the scheduled one. */
    schedule() {
      if (this.timer !== null || !this.tracking) return;
      const wait = Math.max(0, this.lastCommitAt + this.interval - Date.now());
      this.timer = global.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
    }

    /** Writes everything that changed and commits. */
    flush() {
      if (this.timer !== null) global.clearTimeout(this.timer);
      this.timer = null;
      if (!this.tracking) return;
      let changed = this.writeSuspendData();
      changed = this.writeLocation() || changed;
      changed = this.writeInteractions() || changed;
      changed = this.writeScoreAndStatus() || changed;
      if (changed) {
        this.lms.commit();
        this.commits += 1;
        this.lastCommitAt = Date.now();
      }
    }

    /** Sets an element unless it already holds that value; true when something was sent. */
    setOnce(element, value) {
      if (this.written[element] === value) return false;
      if (this.lms.set(element, value)) this.written[element] = value;
      return true;
    }

    writeSuspendData() {
      if (this.suspendUnreadable) return false;
      return this.setOnce(this.elements.suspendData, encodeSuspendData(this.progress, this.scope, this.suspendLimit, this.kept));
    }

    writeLocation() {
      return this.location !== null && this.setOnce(this.elements.location, this.location);
    }

    writeInteractions() {
      const base = this.elements.interactions;
      const sent = this.pending.length > 0;
      for (const fields of this.pending.splice(0)) {
        // Append after whatever the LMS holds; an LMS that cannot count keeps our own counter going.
        const count = parseInt(this.lms.get(base + "._count", true), 10);
        const index = Math.max(this.interactionCount, Number.isFinite(count) ? count : 0);
        const prefix = base + "." + index + ".";
        if (!this.lms.set(prefix + fields[0][0], fields[0][1])) continue;
        for (const [suffix, value] of fields.slice(1)) this.lms.set(prefix + suffix, value);
        this.interactionCount = index + 1;
      }
      return sent;
    }

    writeScoreAndStatus() {
      const status = computeStatus(this.progress, this.scope);
      const score = this.elements.score;
      let changed = false;
      if (status.raw !== null) {
        changed = this.setOnce(score + ".min", "0") || changed;
        changed = this.setOnce(score + ".max", "100") || changed;
        changed = this.setOnce(score + ".raw", decimalString(status.raw)) || changed;
        if (this.edition === "2004") changed = this.setOnce(score + ".scaled", decimalString(status.raw / 100)) || changed;
      }
      if (this.edition === "1.2") {
        if (!wouldUndo(this.initialStatus.lessonStatus, status.lessonStatus)) {
          changed = this.setOnce(this.elements.status, status.lessonStatus) || changed;
        }
        return changed;
      }
      changed = this.setOnce("cmi.progress_measure", decimalString(status.progressMeasure)) || changed;
      if (!wouldUndo(this.initialStatus.completionStatus, status.completionStatus)) {
        changed = this.setOnce(this.elements.status, status.completionStatus) || changed;
      }
      if (!wouldUndo(this.initialStatus.successStatus, status.successStatus)) {
        changed = this.setOnce("cmi.success_status", status.successStatus) || changed;
      }
      return changed;
    }

    /** Leaving: write everything, mark the attempt suspended (learners come back to it), record the
     *  session time, and terminate — once, whichever event gets here first. A review session only
     *  terminates: it writes nothing. */
    finish() {
      if (this.terminated) return;
      if (this.mode === "review") {
        this.terminated = true;
        this.lms.terminate();
        return;
      }
      this.flush();
      this.terminated = true;
      const e = this.elements;
      this.lms.set(e.exit, "suspend");
      const elapsed = Date.now() - this.startedAt;
      this.lms.set(e.sessionTime, this.edition === "1.2" ? formatTimespan12(elapsed) : formatDuration2004(elapsed));
      this.lms.commit();
      this.lms.terminate();
    }

    /** For tests and debugging. */
    state() {
      const status = computeStatus(this.progress, this.scope);
      return {
        edition: this.edition,
        mode: this.mode,
        entry: this.entry,
        learnerName: this.learnerName,
        suspendData: encodeSuspendData(this.progress, this.scope, this.suspendLimit, this.kept),
        location: this.location,
        status: this.edition === "1.2" ? status.lessonStatus : { completion: status.completionStatus, success: status.successStatus },
        progressMeasure: status.progressMeasure,
        score: status.raw,
        interactionCount: this.interactionCount,
        pendingInteractions: this.pending.length,
        commits: this.commits,
        terminated: this.terminated,
        written: clone(this.written)
      };
    }
  }

  /* ---------------------------------------------------------------- Start-up */

  function readConfig(document) {
    const element = document.getElementById("scorm-config");
    if (!element) return null;
    try {
      const config = JSON.parse(element.textContent);
      return config && typeof config === "object" ? config : null;
    } catch (error) {
      warn("the package's #scorm-config is not JSON:", error);
      return null;
    }
  }

  function startPage(config) {
    return config && isPackagePage(config.startHref) ? config.startHref : "index.html";
  }

  /** No LMS (or one that refuses us): the course runs as a static site, progress in localStorage. */
  function openWithoutLMS(win, config) {
    win.location.replace(startPage(config));
  }

  /** Wraps a runtime method for the frame and the page's events: errors stay here. */
  function guarded(runtime, method) {
    return (...args) => {
      try {
        return runtime[method](...args);
      } catch (error) {
        warn(method + " failed:", error);
        return method === "loadProgress" ? null : undefined;
      }
    };
  }

  /** An initialized LMS session, or null when there is no LMS or it refuses one. */
  function connect(win, edition) {
    // A launch page inside a launch page (a link followed in the frame) must not open a second session.
    const parent = peek(win, "parent");
    if (parent !== win && peek(parent, "LecternSCO")) return null;
    const api = findAPI(win, edition);
    if (!api) return null;
    const lms = new LMS(api, edition);
    if (lms.initialize()) return lms;
    // Refused, but the session may already be open (this page loaded again within the same attempt):
    // a read that succeeds tells.
    if (lms.get(edition === "1.2" ? "cmi.core.lesson_status" : "cmi.completion_status", true) !== null) return lms;
    warn("the LMS refused the session; the course runs without it");
    return null;
  }

  /** What the course pages in the frame call (through window.parent). */
  function expose(win, runtime) {
    win.LecternSCO = {
      edition: runtime.edition,
      loadProgress: guarded(runtime, "loadProgress"),
      saveProgress: guarded(runtime, "saveProgress"),
      recordQuiz: guarded(runtime, "recordQuiz"),
      pageShown: guarded(runtime, "pageShown"),
      flush: guarded(runtime, "flush"),
      _state: guarded(runtime, "state")
    };
  }

  /** Terminates on the way out (pagehide, or beforeunload where pagehide does not come), and saves
   *  when the page is hidden: a phone may discard a hidden tab without either event. */
  function listenForExit(win, runtime) {
    const finish = guarded(runtime, "finish");
    const flush = guarded(runtime, "flush");
    win.addEventListener("pagehide", finish);
    win.addEventListener("beforeunload", finish);
    win.document.addEventListener("visibilitychange", () => {
      if (win.document.visibilityState === "hidden") flush();
    });
  }

  /** The path of a URL from the package root ("basics/intro.html"), or null when it is not in the package. */
  function packagePath(win, url) {
    try {
      const root = new URL(".", win.location.href);
      const target = new URL(url, win.location.href);
      if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) return null;
      const path = decodeURIComponent(target.pathname.slice(root.pathname.length));
      return path === "" || path.endsWith("/") ? path + "index.html" : path;
    } catch (error) {
      return null;
    }
  }

  /**
   * With one SCO per module, keeps the learner inside this SCO: a link to another module's page (its
   * "Next" at the end of the module, the syllabus) shows the end-of-module notice instead, which sends
   * the learner back to the LMS for the next module. A page of another module that loads all the same
   * (typed in, or a script) is replaced by the notice too; its bookmark is never kept.
   */
  function keepInside(win, frame, runtime, config) {
    const outside = new Set(Array.isArray(config.outsideHrefs) ? config.outsideHrefs : []);
    const notice = win.document.getElementById("lectern-sco-end");
    if (outside.size === 0 || !notice) return;
    let lastInside = null;
    const isOutside = (url) => outside.has(packagePath(win, url));
    const showNotice = () => {
      guarded(runtime, "flush")();
      frame.hidden = true;
      notice.hidden = false;
      const back = notice.querySelector(".sco-end-back");
      if (back) back.focus();
    };
    const back = notice.querySelector(".sco-end-back");
    if (back) {
      back.addEventListener("click", () => {
        notice.hidden = true;
        frame.hidden = false;
        const current = peek(frame.contentWindow || {}, "location");
        if (current && isOutside(current.href)) frame.src = lastInside || startPage(config);
      });
    }
    frame.addEventListener("load", () => {
      try {
        const href = frame.contentWindow.location.href;
        if (isOutside(href)) {
          showNotice();
          return;
        }
        lastInside = packagePath(win, href);
        frame.contentDocument.addEventListener("click", (event) => {
          const link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
          if (!link || !isOutside(link.href)) return;
          event.preventDefault();
          showNotice();
        }, true);
      } catch (error) {
        // Another origin in the frame: nothing of ours to keep.
      }
    });
  }

  function start(win) {
    const config = readConfig(win.document);
    const frame = win.document.getElementById("lectern-sco-frame");
    const lms = config && frame ? connect(win, config.edition === "1.2" ? "1.2" : "2004") : null;
    if (!lms) {
      openWithoutLMS(win, config);
      return;
    }
    const runtime = new Runtime(config, lms);
    const first = guarded(runtime, "restore")() || startPage(config);
    expose(win, runtime);
    listenForExit(win, runtime);
    keepInside(win, frame, runtime, config);
    guarded(runtime, "flush")();   // the first status ("incomplete"), so the LMS never assumes completion
    frame.src = first;
  }

  // The suspend data format's pure functions, for tests and debugging.
  global.LecternSuspendData = { scope: scopeFromConfig, encode: encodeSuspendData, decode: decodeSuspendData };

  if (typeof document !== "undefined" && global.document) {
    try {
      start(global);
    } catch (error) {
      warn("could not start:", error);
      if (!global.LecternSCO) openWithoutLMS(global, readConfig(global.document));
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
