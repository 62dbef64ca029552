/* Lectern SCORM record: the pure functions behind what a package keeps in the LMS. The SCO's scope (its
 * lessons and quizzes, from the package's config), suspend data (format v2, reading v1 of any code width,
 * keeping what it does not know, carrying quiz attempts in progress) and the status and score by the
 * shared standing rule. Loaded by the launch page after progress.js and grading.js, before scorm-cmi.js
 * and scorm.js; also window.LecternSuspendData for tests and debugging. ES2019, no dependencies. */
(function (global) {
  "use strict";

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


  global.LecternSCORMRecord = {
    pad, finiteOr, truncate, decimalString, parseNumber, sanitizeIdentifier, clone, emptyProgress, cleanProgress,
    mergeProgress, scopeFromConfig, findItem, decodeSuspendData, encodeSuspendData, computeStatus, wouldUndo
  };
  // The suspend data format's pure functions, for tests and debugging.
  global.LecternSuspendData = { scope: scopeFromConfig, encode: encodeSuspendData, decode: decodeSuspendData };
})((typeof window !== "undefined" ? window : globalThis));
