/* Lectern's LMS-side SCORM runtime: the SCORM 1.2 `API` and the 2004 `API_1484_11` objects over a typed
 * CMI data model of each edition (access rules, types, ranges, the smallest permitted maximums (SPM) and
 * the standard error codes). It refuses what a conformant LMS refuses: calls out of state, undefined
 * elements, reading write-only and writing read-only elements and keywords, values of the wrong type,
 * out of range or over the SPM (1.2: 405; 2004: 406/407), array elements written out of order and 2004
 * interactions or objectives with an id already used at another index. It judges the score itself when
 * the manifest gives it a way to: 1.2's `adlcp:masteryscore` sets passed/failed from cmi.core.score.raw
 * at LMSFinish, 2004's `cmi.scaled_passing_score` decides success from cmi.score.scaled.
 *
 * Used by the second origin's runtime page of `lectern serve` (commits relayed to the kiosk) and by the
 * browser tests' strict LMS. `LecternScorm.start(settings, stored, hooks)` installs the API object on
 * `window`; `hooks.commit(values)` receives the record to keep at each Commit and Terminate, and
 * `hooks.terminate(navRequest)` the 2004 `adl.nav.request` (or "_none_") once the SCO has terminated. */
(function (global) {
  "use strict";

  const timespan12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const time12 = /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const decimal = /^-?\d+(\.\d+)?$/;
  const integer = /^-?\d+$/;
  const real = /^-?\d{1,10}(\.\d{1,7})?$/;
  const interval = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
  const timestamp = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2})?)?)?)?)?)?(Z|[+-]\d{2}(:\d{2})?)?$/;
  const identifier12 = /^[A-Za-z0-9_.:\-]{1,255}$/;
  const language = /^([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)?$/;

  /** The texts of the error codes, as the standards name them. */
  const TEXT_12 = { "0": "No error", "101": "General exception", "201": "Invalid argument error", "202": "Element cannot have children",
    "203": "Element not an array - cannot have count", "301": "Not initialized", "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword", "403": "Element is read only", "404": "Element is write only", "405": "Incorrect data type" };
  const TEXT_2004 = { "0": "No error", "101": "General exception", "102": "General initialization failure", "103": "Already initialized",
    "104": "Content instance terminated", "111": "General termination failure", "112": "Termination before initialization",
    "113": "Termination after termination", "122": "Retrieve data before initialization", "123": "Retrieve data after termination",
    "132": "Store data before initialization", "133": "Store data after termination", "142": "Commit before initialization",
    "143": "Commit after termination", "201": "General argument error", "301": "General get failure", "351": "General set failure",
    "391": "General commit failure", "401": "Undefined data model element", "402": "Unimplemented data model element",
    "403": "Data model element value not initialized", "404": "Data model element is read only", "405": "Data model element is write only",
    "406": "Data model element type mismatch", "407": "Data model element value out of range", "408": "Data model dependency not established" };

  /** The SPM of correct response patterns by interaction type (2004). */
  const PATTERNS_2004 = { "true-false": 1, choice: 10, "fill-in": 5, "long-fill-in": 5, likert: 1, matching: 5, performance: 5, sequencing: 5, numeric: 1, other: 1 };
  const TYPES_12 = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];
  const TYPES_2004 = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];
  const NAV_REQUESTS = ["continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"];

  /** The mastery score of the item launching `launch`, read from the manifest as an LMS does on import:
   * 1.2 `adlcp:masteryscore` (0–100), 2004 the primary objective's `minNormalizedMeasure` when it is
   * satisfied by measure (−1…1); null when there is none. */
  function masteryFromManifest(xml, launch, v12) {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const resource = Array.from(doc.getElementsByTagName("resource")).find((candidate) => candidate.getAttribute("href") === launch);
    const item = resource && Array.from(doc.getElementsByTagName("item")).find((candidate) => candidate.getAttribute("identifierref") === resource.getAttribute("identifier"));
    if (!item) return { item: null, mastery: null };
    if (v12) {
      const score = item.getElementsByTagName("adlcp:masteryscore")[0];
      return { item: item.getAttribute("identifier"), mastery: score ? Number(score.textContent) : null };
    }
    const primary = item.getElementsByTagName("imsss:primaryObjective")[0];
    const measure = primary && primary.getElementsByTagName("imsss:minNormalizedMeasure")[0];
    const mastery = primary && primary.getAttribute("satisfiedByMeasure") === "true" ? (measure ? Number(measure.textContent) : 1) : null;
    return { item: item.getAttribute("identifier"), mastery };
  }

  /**
   * settings: edition ("1.2" or "2004"), entry, mode (normal/review/browse), credit, learnerId, learnerName,
   * launchData, mastery (1.2: 0–100; 2004: scaled), scos (identifiers of the package's SCOs, for
   * adl.nav.request_valid) and sco (this one's identifier).
   */
  function start(settings, stored, hooks) {
    hooks = hooks || {};
    const v12 = settings.edition === "1.2";
    const cmi = Object.assign({}, stored || {});
    const calls = [];
    const errors = [];
    let state = "new";
    let lastError = "0";
    const mastery = typeof settings.mastery === "number" && !isNaN(settings.mastery) ? settings.mastery : null;
    const scos = settings.scos || [];
    const index = scos.indexOf(settings.sco);

    const E = v12
      ? { general: "101", arg: "201", children: "202", notArray: "203", notInit: "301", undefined: "401", unimplemented: "401", keyword: "402",
          readOnly: "403", writeOnly: "404", type: "405", range: "405", order: "201", set: "201", dependency: "201", notSet: "0", get: "201" }
      : { general: "101", arg: "201", children: "301", notArray: "301", undefined: "401", unimplemented: "402", keyword: "404",
          readOnly: "404", writeOnly: "405", type: "406", range: "407", order: "351", set: "351", dependency: "408", notSet: "403", get: "301" };
    const TEXT = v12 ? TEXT_12 : TEXT_2004;

    // Checks of a value: each returns "0" or an error code.
    const text = (max) => (value) => value.length <= max ? "0" : E.type;
    const localized = (max) => (value) => /^\{lang=[^}]*\}/.test(value) && !/^\{lang=([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)?\}/.test(value)
      ? E.type : value.replace(/^\{lang=[^}]*\}/, "").length <= max ? "0" : E.type;
    const vocab = (...words) => (value) => words.includes(value) ? "0" : E.type;
    const score12 = (value) => value === "" || (decimal.test(value) && +value >= 0 && +value <= 100) ? "0" : decimal.test(value) ? E.range : E.type;
    const integerIn = (low, high) => (value) => !integer.test(value) ? E.type : +value < low || +value > high ? E.range : "0";
    const realIn = (low, high) => (value) => !real.test(value) ? E.type : (low !== null && +value < low) || (high !== null && +value > high) ? E.range : "0";
    const matches = (pattern) => (value) => pattern.test(value) ? "0" : E.type;
    const status12 = vocab("passed", "completed", "failed", "incomplete", "browsed", "not attempted");

    // Element → [access "ro"/"rw"/"wo", check]. Array members are described by patterns further down.
    const model = v12 ? {
      "cmi.core._children": ["ro"], "cmi.core.student_id": ["ro"], "cmi.core.student_name": ["ro"], "cmi.core.credit": ["ro"],
      "cmi.core.entry": ["ro"], "cmi.core.total_time": ["ro"], "cmi.core.lesson_mode": ["ro"], "cmi.core.score._children": ["ro"],
      "cmi.core.lesson_location": ["rw", text(255)],
      "cmi.core.lesson_status": ["rw", vocab("passed", "completed", "failed", "incomplete", "browsed")],
      "cmi.core.score.raw": ["rw", score12], "cmi.core.score.min": ["rw", score12], "cmi.core.score.max": ["rw", score12],
      "cmi.core.exit": ["wo", vocab("time-out", "suspend", "logout", "")], "cmi.core.session_time": ["wo", matches(timespan12)],
      "cmi.suspend_data": ["rw", text(4096)], "cmi.launch_data": ["ro"], "cmi.comments": ["rw", text(4096)], "cmi.comments_from_lms": ["ro"],
      "cmi.objectives._children": ["ro"], "cmi.objectives._count": ["ro"],
      "cmi.student_data._children": ["ro"], "cmi.student_data.mastery_score": ["ro"], "cmi.student_data.max_time_allowed": ["ro"],
      "cmi.student_data.time_limit_action": ["ro"],
      "cmi.student_preference._children": ["ro"], "cmi.student_preference.audio": ["rw", integerIn(-1, 100)],
      "cmi.student_preference.language": ["rw", text(255)], "cmi.student_preference.speed": ["rw", integerIn(-100, 100)],
      "cmi.student_preference.text": ["rw", integerIn(-1, 1)],
      "cmi.interactions._children": ["ro"], "cmi.interactions._count": ["ro"]
    } : {
      "cmi._version": ["ro"], "cmi.completion_threshold": ["ro"], "cmi.credit": ["ro"], "cmi.entry": ["ro"], "cmi.launch_data": ["ro"],
      "cmi.learner_id": ["ro"], "cmi.learner_name": ["ro"], "cmi.max_time_allowed": ["ro"], "cmi.mode": ["ro"],
      "cmi.scaled_passing_score": ["ro"], "cmi.time_limit_action": ["ro"], "cmi.total_time": ["ro"], "cmi.score._children": ["ro"],
      "cmi.completion_status": ["rw", vocab("completed", "incomplete", "not attempted", "unknown")],
      "cmi.success_status": ["rw", vocab("passed", "failed", "unknown")],
      "cmi.exit": ["wo", vocab("time-out", "suspend", "logout", "normal", "")], "cmi.session_time": ["wo", matches(interval)],
      "cmi.location": ["rw", text(1000)], "cmi.suspend_data": ["rw", text(64000)], "cmi.progress_measure": ["rw", realIn(0, 1)],
      "cmi.score.scaled": ["rw", realIn(-1, 1)], "cmi.score.raw": ["rw", realIn(null, null)], "cmi.score.min": ["rw", realIn(null, null)],
      "cmi.score.max": ["rw", realIn(null, null)],
      "cmi.comments_from_learner._children": ["ro"], "cmi.comments_from_learner._count": ["ro"],
      "cmi.comments_from_lms._children": ["ro"], "cmi.comments_from_lms._count": ["ro"],
      "cmi.learner_preference._children": ["ro"], "cmi.learner_preference.audio_level": ["rw", realIn(0, null)],
      "cmi.learner_preference.language": ["rw", (value) => language.test(value) && value.length <= 250 ? "0" : E.type],
      "cmi.learner_preference.delivery_speed": ["rw", realIn(0, null)],
      "cmi.learner_preference.audio_captioning": ["rw", vocab("-1", "0", "1")],
      "cmi.objectives._children": ["ro"], "cmi.objectives._count": ["ro"],
      "cmi.interactions._children": ["ro"], "cmi.interactions._count": ["ro"],
      "adl.nav.request": ["rw", (value) => NAV_REQUESTS.includes(value) || /^\{target=[^}]+\}(choice|jump)$/.test(value) ? "0" : E.type],
      "adl.nav.request_valid.continue": ["ro"], "adl.nav.request_valid.previous": ["ro"]
    };
    const CHILDREN = v12 ? {
      "cmi.core._children": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
      "cmi.core.score._children": "raw,min,max", "cmi.objectives._children": "id,score,status",
      "cmi.student_data._children": "mastery_score,max_time_allowed,time_limit_action",
      "cmi.student_preference._children": "audio,language,speed,text",
      "cmi.interactions._children": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
    } : {
      "cmi.score._children": "scaled,raw,min,max", "cmi.comments_from_learner._children": "comment,location,timestamp",
      "cmi.comments_from_lms._children": "comment,location,timestamp",
      "cmi.learner_preference._children": "audio_level,language,delivery_speed,audio_captioning",
      "cmi.objectives._children": "id,score,success_status,completion_status,progress_measure,description",
      "cmi.interactions._children": "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description"
    };
    const defaults = v12
      ? { "cmi.core.lesson_status": "not attempted", "cmi.core.credit": settings.credit || "credit", "cmi.core.lesson_mode": settings.mode || "normal",
          "cmi.core.entry": settings.entry || "", "cmi.core.student_name": settings.learnerName || "", "cmi.core.student_id": settings.learnerId || "",
          "cmi.core.total_time": "0000:00:00", "cmi.launch_data": settings.launchData || "", "cmi.comments_from_lms": "" }
      : { "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.credit": settings.credit || "credit", "cmi.mode": settings.mode || "normal",
          "cmi.entry": settings.entry || "", "cmi.learner_name": settings.learnerName || "", "cmi.learner_id": settings.learnerId || "",
          "cmi._version": "1.0", "cmi.total_time": "PT0S", "cmi.launch_data": settings.launchData || "",
          "cmi.learner_preference.audio_level": "1", "cmi.learner_preference.language": "", "cmi.learner_preference.delivery_speed": "1",
          "cmi.learner_preference.audio_captioning": "0", "adl.nav.request": "_none_" };
    // What the LMS sets each session (entry, mode, learner) wins over the stored record; the rest is kept.
    const fresh = /(entry|mode|student_id|student_name|learner_id|learner_name|launch_data|credit|adl\.nav\.request)$/;
    for (const key of Object.keys(defaults)) if (!(key in cmi) || fresh.test(key)) cmi[key] = defaults[key];
    if (mastery !== null) {
      if (v12) cmi["cmi.student_data.mastery_score"] = String(mastery);
      else cmi["cmi.scaled_passing_score"] = String(mastery);
    }
    // Elements kept only for one session: never stored, never resumed.
    const sessionOnly = /(\.exit|session_time|\.entry|lesson_mode|cmi\.mode|scaled_passing_score|mastery_score|student_id|student_name|learner_id|learner_name|launch_data|credit|adl\.nav\.request)$/;

    const count = (prefix) => Object.keys(cmi).filter((key) => new RegExp("^" + prefix.replace(/\./g, "\\.") + "\\d+\\.id$").test(key)).length;
    // Members of a list inside an interaction: `tail` is a pattern after the interaction's prefix.
    const countBy = (prefix, tail) => Object.keys(cmi).filter((key) => new RegExp("^" + prefix.replace(/\./g, "\\.") + tail + "$").test(key)).length;

    // Arrays: where a member's fields are, and each field's [access, check]. Counts follow the ids written.
    function arrayRule(element) {
      let match;
      if ((match = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element))) return interactionRule(+match[1], match[2]);
      if ((match = /^cmi\.objectives\.(\d+)\.(.+)$/.exec(element))) return objectiveRule(+match[1], match[2]);
      if (!v12 && (match = /^cmi\.comments_from_(learner|lms)\.(\d+)\.(.+)$/.exec(element))) return commentRule(match[1], +match[2], match[3]);
      if (!v12 && (match = /^adl\.nav\.request_valid\.(choice|jump)\.\{target=([^}]*)\}$/.exec(element))) return { access: "ro", value: () => scos.includes(match[2]) ? "true" : "false" };
      return null;
    }
    function member(prefix, n, field, access, check, counter) {
      const total = counter === undefined ? count(prefix) : counter;
      return { access, check, prefix, n, field, total, key: prefix + n + "." + field };
    }
    function objectiveRule(n, field) {
      const prefix = "cmi.objectives.";
      if (field === "score._children") return { access: "ro", value: () => v12 ? "raw,min,max" : "scaled,raw,min,max" };
      const checks = v12
        ? { id: matches(identifier12), "score.raw": score12, "score.min": score12, "score.max": score12, status: status12 }
        : { id: (value) => /^\S{1,4000}$/.test(value) ? "0" : E.type, "score.scaled": realIn(-1, 1), "score.raw": realIn(null, null),
            "score.min": realIn(null, null), "score.max": realIn(null, null), success_status: vocab("passed", "failed", "unknown"),
            completion_status: vocab("completed", "incomplete", "not attempted", "unknown"), progress_measure: realIn(0, 1), description: localized(250) };
      if (!checks[field]) return null;
      return member(prefix, n, field, "rw", checks[field]);
    }
    function commentRule(source, n, field) {
      const prefix = "cmi.comments_from_" + source + ".";
      const checks = { comment: localized(4000), location: text(250), timestamp: matches(timestamp) };
      if (!checks[field]) return null;
      const total = Object.keys(cmi).filter((key) => new RegExp("^" + prefix.replace(/\./g, "\\.") + "\\d+\\.comment$").test(key) ||
        new RegExp("^" + prefix.replace(/\./g, "\\.") + "\\d+\\.(location|timestamp)$").test(key)).map((key) => key.split(".")[2]).filter((v, i, all) => all.indexOf(v) === i).length;
      return Object.assign(member(prefix, n, field, source === "lms" ? "ro" : "rw", checks[field], total), { comments: true });
    }
    function interactionRule(n, field) {
      const prefix = "cmi.interactions.";
      let match;
      if (field === "objectives._count" || field === "correct_responses._count") {
        const list = field.split(".")[0];
        return { access: "ro", value: () => String(countBy(prefix + n + ".", list + "\\.\\d+\\." + (list === "objectives" ? "id" : "pattern"))), member: n, prefix };
      }
      if ((match = /^objectives\.(\d+)\.id$/.exec(field))) {
        const m = +match[1];
        const existing = countBy(prefix + n + ".", "objectives\\.\\d+\\.id");
        return Object.assign(member(prefix, n, field, v12 ? "wo" : "rw", (value) => {
          if (m > existing) return E.order;
          if (v12) return identifier12.test(value) ? "0" : E.type;
          if (!/^\S{1,4000}$/.test(value)) return E.type;
          for (let other = 0; other < existing; other += 1) if (other !== m && cmi[prefix + n + ".objectives." + other + ".id"] === value) return "351";
          return "0";
        }), { needsId: !v12 });
      }
      if ((match = /^correct_responses\.(\d+)\.pattern$/.exec(field))) {
        const m = +match[1];
        const existing = countBy(prefix + n + ".", "correct_responses\\.\\d+\\.pattern");
        return Object.assign(member(prefix, n, field, v12 ? "wo" : "rw", (value) => {
          if (v12) return m > existing ? E.order : value.length <= 255 ? "0" : E.type;
          const type = cmi[prefix + n + ".type"];
          if (!type) return E.dependency;
          if (m > existing || m >= (PATTERNS_2004[type] || 1)) return "351";
          return responseOK(type, value, true) ? "0" : E.type;
        }), { needsId: !v12 });
      }
      const checks = v12
        ? { id: matches(identifier12), type: vocab(...TYPES_12), time: matches(time12), weighting: matches(decimal), latency: matches(timespan12),
            student_response: text(255), result: (value) => ["correct", "wrong", "unanticipated", "neutral"].includes(value) || decimal.test(value) ? "0" : E.type }
        : { id: (value) => /^\S{1,4000}$/.test(value) ? "0" : E.type, type: vocab(...TYPES_2004), timestamp: matches(timestamp), weighting: matches(real),
            latency: matches(interval), description: localized(250),
            result: (value) => ["correct", "incorrect", "unanticipated", "neutral"].includes(value) || real.test(value) ? "0" : E.type,
            learner_response: (value) => {
              const type = cmi[prefix + n + ".type"];
              if (!type) return E.dependency;
              return responseOK(type, value, false) ? "0" : E.type;
            } };
      if (!checks[field]) return null;
      return member(prefix, n, field, v12 ? "wo" : "rw", checks[field]);
    }
    function responseOK(type, value, pattern) {
      switch (type) {
        case "true-false": return value === "true" || value === "false";
        case "choice": return value === "" || value.split("[,]").every((id) => /^\S{1,250}$/.test(id));
        case "fill-in": {
          const body = pattern ? value.replace(/^\{case_matters=(true|false)\}/, "").replace(/^\{order_matters=(true|false)\}/, "") : value;
          return body.split("[,]").length <= 10 && body.split("[,]").every((part) => part.replace(/^\{lang=[^}]*\}/, "").length <= 250);
        }
        case "numeric": return pattern ? /^(-?\d+(\.\d+)?)?\[:\](-?\d+(\.\d+)?)?$/.test(value) : real.test(value);
        case "likert": return /^\S{0,250}$/.test(value);
        case "sequencing": return value.split("[,]").every((id) => /^\S{1,250}$/.test(id));
        case "matching": return value.split("[,]").every((pair) => /^\S{1,250}\[\.\]\S{1,250}$/.test(pair));
        default: return value.length <= 4000;
      }
    }

    /** The error code of reading (setting false) or writing an element; "0" when allowed. */
    function check(element, value, setting) {
      if (element === "") return v12 ? E.arg : setting ? "351" : "301";
      const rule = model[element] || arrayRule(element);
      if (!rule) {
        if (/\._children$/.test(element)) return knownParent(element) ? E.children : E.undefined;
        if (/\._count$/.test(element)) return knownParent(element) ? E.notArray : E.undefined;
        if (v12 && /^cmi\./.test(element) && /^cmi\.(core|student_data|student_preference|objectives|interactions)\./.test(element)) return E.undefined;
        return E.undefined;
      }
      const access = Array.isArray(rule) ? rule[0] : rule.access;
      if (setting) {
        if (/\._children$|\._count$|^cmi\._version$/.test(element)) return E.keyword;
        if (access === "ro") return E.readOnly;
        if (!Array.isArray(rule) && rule.key) return memberSetCode(rule, value);
        return rule[1](value);
      }
      if (access === "wo") return E.writeOnly;
      if (!Array.isArray(rule) && rule.key) {
        if (rule.n >= rule.total) return v12 ? E.get : "301";
        if (!v12 && !(rule.key in cmi)) return E.notSet;
        return "0";
      }
      if (!v12 && !(element in cmi) && !/\._children$|\._count$/.test(element) && !/^adl\.nav\.request_valid\./.test(element)) return E.notSet;
      return "0";
    }
    // Whether the parent of a keyword names an element (so the keyword, not the element, is wrong).
    function knownParent(element) {
      const parent = element.replace(/\._(children|count)$/, "");
      return Object.keys(model).some((key) => key === parent || key.startsWith(parent + ".")) || arrayRule(parent + ".id") !== null;
    }
    function memberSetCode(rule, value) {
      const isId = rule.field === "id" || (rule.comments && rule.field === "comment");
      if (rule.n > rule.total) return E.order;
      // 2004 makes a new member from its id; 1.2 LMSs take a member's fields in any order.
      if (!v12 && rule.n === rule.total && !isId && !rule.comments) return E.dependency;
      if (rule.needsId && cmi[rule.prefix + rule.n + ".id"] === undefined) return E.dependency;
      if (!v12 && rule.field === "id" && rule.n < rule.total && rule.prefix === "cmi.objectives." && cmi[rule.key] !== value && /^\S{1,4000}$/.test(value)) return "351";
      const code = rule.check(value);
      if (code !== "0") return code;
      if (!v12 && rule.field === "id") {
        for (let other = 0; other < rule.total; other += 1) if (other !== rule.n && cmi[rule.prefix + other + ".id"] === value) return "351";
      }
      return "0";
    }

    /** Seconds of a 1.2 CMITimespan (HHHH:MM:SS.SS) or a 2004 duration (P[nY][nM][nD][T[nH][nM][n.nnS]]); null when not one. */
    function seconds(text) {
      if (typeof text !== "string") return null;
      let match = /^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$/.exec(text);
      if (match) return +match[1] * 3600 + +match[2] * 60 + +match[3];
      match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/.exec(text);
      if (!match || text === "P" || /T$/.test(text)) return null;
      const [, y, mo, d, h, mi, se] = match.map((part) => Number(part || 0));
      return ((y * 365 + mo * 30 + d) * 24 + h) * 3600 + mi * 60 + se;
    }
    /** A number of seconds as the edition writes a total time. */
    function duration(total) {
      const centis = Math.round(total * 100);
      const h = Math.floor(centis / 360000), m = Math.floor(centis / 6000) % 60, rest = (centis % 6000) / 100;
      if (v12) return String(h).padStart(4, "0") + ":" + String(m).padStart(2, "0") + ":" + (rest < 10 ? "0" : "") + rest.toFixed(2);
      return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (rest || (!h && !m) ? String(Number(rest.toFixed(2))) + "S" : "");
    }
    /** At the end of a session, its time is added to the total the LMS keeps (cmi.core.total_time / cmi.total_time). */
    function addSessionTime() {
      const total = v12 ? "cmi.core.total_time" : "cmi.total_time";
      const session = seconds(cmi[v12 ? "cmi.core.session_time" : "cmi.session_time"]);
      const before = seconds(cmi[total]);
      if (session !== null && before !== null) cmi[total] = duration(before + session);
    }

    function fail(method, args, code) {
      lastError = code;
      errors.push([method].concat(Array.from(args)).concat([code]));
      return "false";
    }

    function judge() {
      // The LMS's own verdict from the manifest's mastery score, as LMSs apply it.
      if (mastery === null || settings.credit === "no-credit") return;
      if (v12) {
        const raw = cmi["cmi.core.score.raw"];
        if (raw !== undefined && raw !== "") cmi["cmi.core.lesson_status"] = +raw >= mastery ? "passed" : "failed";
      } else {
        const scaled = cmi["cmi.score.scaled"];
        cmi["cmi.success_status"] = scaled === undefined ? "unknown" : +scaled >= mastery ? "passed" : "failed";
      }
    }

    /** What the LMS keeps for the next session: the record without session-only elements. */
    function kept() {
      const record = {};
      for (const key of Object.keys(cmi)) if (!sessionOnly.test(key)) record[key] = cmi[key];
      return record;
    }
    /** What a commit sends: the kept record and the session's exit, which decides the next entry. */
    function commitValues() {
      const values = kept();
      const exit = v12 ? "cmi.core.exit" : "cmi.exit";
      const time = v12 ? "cmi.core.session_time" : "cmi.session_time";
      if (exit in cmi) values[exit] = cmi[exit];
      if (time in cmi) values[time] = cmi[time];
      return values;
    }

    function value(element) {
      const rule = model[element] || arrayRule(element);
      if (rule && rule.value) return rule.value();
      if (element in CHILDREN) return CHILDREN[element];
      if (element === "cmi.interactions._count") return String(count("cmi.interactions."));
      if (element === "cmi.objectives._count") return String(count("cmi.objectives."));
      if (/^cmi\.comments_from_(learner|lms)\._count$/.test(element)) return String(commentRule(element.split(".")[1].replace("comments_from_", ""), 0, "comment").total);
      if (element === "adl.nav.request_valid.continue") return index >= 0 && index < scos.length - 1 ? "true" : "false";
      if (element === "adl.nav.request_valid.previous") return index > 0 ? "true" : "false";
      if (!v12 && element === "cmi.success_status" && mastery !== null) judge();
      return element in cmi ? cmi[element] : "";
    }

    const api = {
      initialize(param) {
        calls.push(["initialize", param]);
        if (param !== "") return fail("initialize", arguments, "201");
        if (state === "running") return fail("initialize", arguments, v12 ? "101" : "103");
        if (state === "done") return fail("initialize", arguments, v12 ? "101" : "104");
        state = "running"; lastError = "0"; return "true";
      },
      finish(param) {
        calls.push(["finish", param]);
        if (param !== "") return fail("finish", arguments, "201");
        if (state !== "running") return fail("finish", arguments, v12 ? "301" : state === "new" ? "112" : "113");
        judge();
        addSessionTime();
        state = "done"; lastError = "0";
        if (hooks.commit) hooks.commit(commitValues(), "terminate");
        const request = v12 ? "_none_" : cmi["adl.nav.request"] || "_none_";
        // After the SCO's call returns: the SCO may still be running its unload handler.
        if (hooks.terminate) setTimeout(() => hooks.terminate(request), 0);
        return "true";
      },
      get(element) {
        calls.push(["get", element]);
        if (state !== "running") { fail("get", arguments, v12 ? "301" : state === "new" ? "122" : "123"); return ""; }
        const code = check(String(element), "", false);
        if (code !== "0") { fail("get", arguments, code); return ""; }
        lastError = "0";
        return value(String(element));
      },
      set(element, value) {
        calls.push(["set", element, value]);
        if (state !== "running") return fail("set", arguments, v12 ? "301" : state === "new" ? "132" : "133");
        if (typeof value !== "string") {
          if (typeof value === "number" && isFinite(value)) value = String(value);
          else return fail("set", arguments, E.type);
        }
        const code = check(String(element), value, true);
        if (code !== "0") return fail("set", arguments, code);
        cmi[element] = value; lastError = "0"; return "true";
      },
      commit(param) {
        calls.push(["commit", param]);
        if (param !== "") return fail("commit", arguments, "201");
        if (state !== "running") return fail("commit", arguments, v12 ? "301" : state === "new" ? "142" : "143");
        if (hooks.commit) hooks.commit(commitValues(), "commit");
        lastError = "0"; return "true";
      },
      error() { return lastError; },
      string(code) { return TEXT[String(code)] || ""; },
      diagnostic(code) { return TEXT[String(code || lastError)] || ""; }
    };
    const names = v12
      ? { initialize: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
          error: "LMSGetLastError", string: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" }
      : { initialize: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
          error: "GetLastError", string: "GetErrorString", diagnostic: "GetDiagnostic" };
    const object = {};
    for (const name of Object.keys(names)) object[names[name]] = api[name];
    global[v12 ? "API" : "API_1484_11"] = object;
    return { cmi, calls, errors, kept, api: object, get state() { return state; } };
  }

  global.LecternScorm = { start, masteryFromManifest, TEXT_12, TEXT_2004 };
})(typeof window !== "undefined" ? window : this);
