// A strict, conformant LMS for the browser tests: a page that implements the SCORM 1.2 (`API`) or 2004
// (`API_1484_11`) API over a typed CMI data model and launches one SCO of the package in a frame, as an
// LMS does. It refuses, with the standard error codes, what a strict LMS refuses: calls out of state,
// undefined elements, reading write-only and writing read-only elements, values of the wrong type or over
// the smallest permitted maximum (SPM), and (2004) interactions written out of order or with an id already
// used at another index. Like real LMSs it judges the score itself when the manifest gives it a way to:
// SCORM 1.2's `adlcp:masteryscore` sets the status to passed/failed from `cmi.core.score.raw` at LMSFinish,
// and 2004's `satisfiedByMeasure` objective sets `cmi.scaled_passing_score`, which decides success.
//
// Over-SPM values are refused with 405 (1.2, incorrect data type) and 406 (2004, type mismatch).
// The page keeps `window.cmi` (the record), `window.calls` (every call) and `window.errors`
// ([method, element, value, code] of every refused call).
import Foundation

/// One LMS session of one SCO.
struct LMSSession {
    var edition: String
    /// The SCO's launch page, relative to the package root.
    var launch = "lectern-sco.html"
    /// The record kept from earlier sessions (`window.nextSession()` of the last one), without entry.
    var stored: [String: String] = [:]
    var entry = "ab-initio"
    /// `normal`, `review` or `browse` (cmi.core.lesson_mode / cmi.mode).
    var mode = "normal"
}

func strictLMSPage(_ session: LMSSession) -> String {
    let stored = (try? JSONSerialization.data(withJSONObject: session.stored)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    let settings = (try? JSONSerialization.data(withJSONObject: ["edition": session.edition, "launch": session.launch,
                                                                 "entry": session.entry, "mode": session.mode]))
        .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    return """
    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict test LMS</title></head><body>
    <script>
    \(strictLMSScript)
    startLMS(\(settings), \(stored));
    </script>
    </body></html>
    """
}

private let strictLMSScript = #"""
function startLMS(settings, stored) {
  const v12 = settings.edition === "1.2";
  const cmi = window.cmi = Object.assign({}, stored);
  window.calls = [];
  window.errors = [];
  let state = "new";
  let lastError = "0";
  let mastery = null;               // 1.2: adlcp:masteryscore; 2004: minNormalizedMeasure when satisfiedByMeasure

  const timespan12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const time12 = /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const decimal = /^-?\d+(\.\d+)?$/;
  const real = /^-?\d{1,10}(\.\d{1,7})?$/;
  const interval = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
  const timestamp = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2})?)?)?)?)?)?(Z|[+-]\d{2}(:\d{2})?)?$/;
  const E = v12
    ? { general: "101", arg: "201", children: "202", notArray: "203", notInit: "301", undefined: "401", keyword: "402",
        readOnly: "403", writeOnly: "404", type: "405", range: "405", order: "201", done: "101", again: "101" }
    : { general: "101", arg: "201", undefined: "401", notArray: "401", readOnly: "404", writeOnly: "405", type: "406",
        range: "407", order: "351", dependency: "408", notSet: "403", keyword: "404" };
  const TEXT = { "0": "No error", "101": "General exception", "103": "Already initialized", "104": "Content instance terminated",
    "112": "Termination before initialization", "113": "Termination after termination", "122": "Retrieve data before initialization",
    "123": "Retrieve data after termination", "132": "Store data before initialization", "133": "Store data after termination",
    "142": "Commit before initialization", "143": "Commit after termination", "201": "Invalid argument", "202": "Element cannot have children",
    "203": "Element not an array", "301": "Not initialized", "351": "General set failure", "401": "Undefined data model element",
    "402": "Invalid set value, element is a keyword", "403": v12 ? "Element is read only" : "Data model element value not initialized",
    "404": v12 ? "Element is write only" : "Data model element is read only", "405": v12 ? "Incorrect data type" : "Data model element is write only",
    "406": "Data model element type mismatch", "407": "Data model element value out of range", "408": "Data model dependency not established" };

  // Element → [access "ro"/"rw"/"wo", check(value) → error code or "0"].
  const text = (max) => (value) => value.length <= max ? "0" : E.type;
  const vocab = (...words) => (value) => words.includes(value) ? "0" : E.type;
  const score12 = (value) => value === "" || (decimal.test(value) && +value >= 0 && +value <= 100) ? "0" : decimal.test(value) ? E.range : E.type;
  const realIn = (low, high) => (value) => !real.test(value) ? E.type : (low !== null && +value < low) || (high !== null && +value > high) ? E.range : "0";
  const matches = (pattern) => (value) => pattern.test(value) ? "0" : E.type;
  const none = () => E.readOnly;
  const model = v12 ? {
    "cmi.core._children": ["ro"], "cmi.core.student_id": ["ro"], "cmi.core.student_name": ["ro"], "cmi.core.credit": ["ro"],
    "cmi.core.entry": ["ro"], "cmi.core.total_time": ["ro"], "cmi.core.lesson_mode": ["ro"], "cmi.launch_data": ["ro"],
    "cmi.comments_from_lms": ["ro"], "cmi.student_data.mastery_score": ["ro"], "cmi.core.score._children": ["ro"],
    "cmi.core.lesson_location": ["rw", text(255)],
    "cmi.core.lesson_status": ["rw", vocab("passed", "completed", "failed", "incomplete", "browsed")],
    "cmi.core.score.raw": ["rw", score12], "cmi.core.score.min": ["rw", score12], "cmi.core.score.max": ["rw", score12],
    "cmi.core.exit": ["wo", vocab("time-out", "suspend", "logout", "")], "cmi.core.session_time": ["wo", matches(timespan12)],
    "cmi.suspend_data": ["rw", text(4096)], "cmi.comments": ["rw", text(4096)],
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
    "cmi.score.max": ["rw", realIn(null, null)], "cmi.interactions._children": ["ro"], "cmi.interactions._count": ["ro"]
  };
  const defaults = v12
    ? { "cmi.core.lesson_status": "not attempted", "cmi.core.credit": "credit", "cmi.core.lesson_mode": settings.mode,
        "cmi.core.entry": settings.entry, "cmi.core.student_name": "Learner, Test", "cmi.core.student_id": "t1", "cmi.core.total_time": "0000:00:00" }
    : { "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.credit": "credit", "cmi.mode": settings.mode,
        "cmi.entry": settings.entry, "cmi.learner_name": "Learner, Test", "cmi.learner_id": "t1", "cmi._version": "1.0", "cmi.total_time": "PT0S" };
  for (const key of Object.keys(defaults)) if (!(key in stored) || /entry|mode/.test(key)) cmi[key] = defaults[key];

  // Interactions: cmi.interactions.n.<field>; the SPM of correct response patterns by type (2004).
  const PATTERNS_2004 = { "true-false": 1, choice: 10, "fill-in": 5, "long-fill-in": 5, likert: 1, matching: 5, performance: 5, sequencing: 5, numeric: 1, other: 1 };
  const interactionCount = () => Object.keys(cmi).filter((key) => /^cmi\.interactions\.\d+\.id$/.test(key)).length;
  const patternCount = (n) => Object.keys(cmi).filter((key) => new RegExp("^cmi\\.interactions\\." + n + "\\.correct_responses\\.\\d+\\.pattern$").test(key)).length;
  const types12 = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];
  const types2004 = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"];
  function interactionRule(n, field, value, setting) {
    const prefix = "cmi.interactions." + n + ".";
    const count = interactionCount();
    if (field === "objectives._count" || field === "correct_responses._count") return setting ? E.readOnly : "0";
    if (v12) {
      if (!setting) return E.writeOnly;                                   // 1.2 interactions are write-only
      if (n > count) return E.order;
      if (field === "id") return /^[A-Za-z0-9_.:-]{1,255}$/.test(value) ? "0" : E.type;
      if (field === "type") return types12.includes(value) ? "0" : E.type;
      if (field === "time") return time12.test(value) ? "0" : E.type;
      if (field === "weighting") return decimal.test(value) ? "0" : E.type;
      if (field === "latency") return timespan12.test(value) ? "0" : E.type;
      if (field === "student_response") return value.length <= 255 ? "0" : E.type;
      if (field === "result") return ["correct", "wrong", "unanticipated", "neutral"].includes(value) || decimal.test(value) ? "0" : E.type;
      const pattern = /^correct_responses\.(\d+)\.pattern$/.exec(field);
      if (pattern) return +pattern[1] > patternCount(n) ? E.order : value.length <= 255 ? "0" : E.type;
      return E.undefined;
    }
    if (n > count || (n === count && setting && field !== "id")) return setting ? (n > count ? E.order : E.dependency) : E.notSet;
    if (!setting) return prefix + field in cmi ? "0" : E.notSet;
    const type = cmi[prefix + "type"];
    if (field === "id") {
      if (!/^\S{1,4000}$/.test(value)) return E.type;
      for (let other = 0; other < count; other += 1) if (other !== n && cmi["cmi.interactions." + other + ".id"] === value) return "351";
      return "0";
    }
    if (field === "type") return types2004.includes(value) ? "0" : E.type;
    if (field === "timestamp") return timestamp.test(value) ? "0" : E.type;
    if (field === "weighting") return real.test(value) ? "0" : E.type;
    if (field === "latency") return interval.test(value) ? "0" : E.type;
    if (field === "description") return value.replace(/^\{lang=[^}]*\}/, "").length <= 250 ? "0" : E.type;
    if (field === "result") return ["correct", "incorrect", "unanticipated", "neutral"].includes(value) || real.test(value) ? "0" : E.type;
    if (field === "learner_response") {
      if (!type) return E.dependency;
      return responseOK(type, value, false) ? "0" : E.type;
    }
    const pattern = /^correct_responses\.(\d+)\.pattern$/.exec(field);
    if (pattern) {
      if (!type) return E.dependency;
      const m = +pattern[1];
      if (m > patternCount(n) || m >= (PATTERNS_2004[type] || 1)) return "351";
      return responseOK(type, value, true) ? "0" : E.type;
    }
    return E.undefined;
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
      default: return value.length <= 4000;
    }
  }

  /** The error code of reading (setting false) or writing an element; "0" when allowed. */
  function check(element, value, setting) {
    const interaction = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (interaction) return interactionRule(+interaction[1], interaction[2], value, setting);
    if (/\._children$|\._count$/.test(element) && !(element in model)) return v12 ? E.children : E.undefined;
    const rule = model[element];
    if (!rule) return E.undefined;
    if (setting) {
      if (/\._children$|\._count$/.test(element)) return E.keyword;
      if (rule[0] === "ro") return E.readOnly;
      return rule[1](value);
    }
    if (rule[0] === "wo") return E.writeOnly;
    if (!v12 && !(element in cmi) && !/\._children$|\._count$/.test(element)) return E.notSet;
    return "0";
  }

  function fail(method, args, code) {
    lastError = code;
    window.errors.push([method].concat(Array.from(args)).concat([code]));
    return "false";
  }

  function judge() {
    // The LMS's own verdict from the manifest's mastery score, as LMSs apply it.
    if (mastery === null) return;
    if (v12) {
      const raw = cmi["cmi.core.score.raw"];
      if (raw !== undefined && raw !== "") cmi["cmi.core.lesson_status"] = +raw >= mastery ? "passed" : "failed";
    } else {
      const scaled = cmi["cmi.score.scaled"];
      cmi["cmi.success_status"] = scaled === undefined ? "unknown" : +scaled >= mastery ? "passed" : "failed";
    }
  }

  const api = {
    initialize(param) {
      window.calls.push(["initialize", param]);
      if (param !== "") return fail("initialize", arguments, "201");
      if (state === "running") return fail("initialize", arguments, v12 ? "101" : "103");
      if (state === "done") return fail("initialize", arguments, v12 ? "101" : "104");
      state = "running"; lastError = "0"; return "true";
    },
    finish(param) {
      window.calls.push(["finish", param]);
      if (param !== "") return fail("finish", arguments, "201");
      if (state !== "running") return fail("finish", arguments, v12 ? "301" : state === "new" ? "112" : "113");
      judge();
      state = "done"; lastError = "0"; return "true";
    },
    get(element) {
      window.calls.push(["get", element]);
      if (state !== "running") { fail("get", arguments, v12 ? "301" : state === "new" ? "122" : "123"); return ""; }
      const code = check(String(element), "", false);
      if (code !== "0") { fail("get", arguments, code); return ""; }
      lastError = "0";
      if (element === "cmi.interactions._count") return String(interactionCount());
      if (element === "cmi.core._children") return "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time";
      if (/\._children$/.test(element)) return "";
      if (!v12 && element === "cmi.success_status" && mastery !== null) judge();
      return element in cmi ? cmi[element] : "";
    },
    set(element, value) {
      window.calls.push(["set", element, value]);
      if (state !== "running") return fail("set", arguments, v12 ? "301" : state === "new" ? "132" : "133");
      if (typeof value !== "string") return fail("set", arguments, E.type);
      const code = check(String(element), value, true);
      if (code !== "0") return fail("set", arguments, code);
      cmi[element] = value; lastError = "0"; return "true";
    },
    commit(param) {
      window.calls.push(["commit", param]);
      if (param !== "") return fail("commit", arguments, "201");
      if (state !== "running") return fail("commit", arguments, v12 ? "301" : state === "new" ? "142" : "143");
      lastError = "0"; return "true";
    },
    error() { return lastError; },
    string(code) { return TEXT[code] || ""; },
    diagnostic(code) { return TEXT[code || lastError] || ""; }
  };
  const names = v12
    ? { initialize: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
        error: "LMSGetLastError", string: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" }
    : { initialize: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
        error: "GetLastError", string: "GetErrorString", diagnostic: "GetDiagnostic" };
  const object = {};
  for (const name of Object.keys(names)) object[names[name]] = api[name];
  window[v12 ? "API" : "API_1484_11"] = object;

  /** What the LMS keeps for the next session: the record without session-only elements. */
  window.nextSession = function () {
    const kept = {};
    for (const key of Object.keys(cmi)) {
      if (/(\.exit|session_time|\.entry|lesson_mode|cmi\.mode|scaled_passing_score|mastery_score)$/.test(key)) continue;
      kept[key] = cmi[key];
    }
    return kept;
  };

  // Read the SCO's item in the manifest, as an LMS does on import, then launch it.
  fetch("imsmanifest.xml").then((response) => response.text()).then((xml) => {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const resource = Array.from(doc.getElementsByTagName("resource")).find((candidate) => candidate.getAttribute("href") === settings.launch);
    const item = resource && Array.from(doc.getElementsByTagName("item")).find((candidate) => candidate.getAttribute("identifierref") === resource.getAttribute("identifier"));
    if (item && v12) {
      const score = item.getElementsByTagName("adlcp:masteryscore")[0];
      if (score) { mastery = Number(score.textContent); cmi["cmi.student_data.mastery_score"] = score.textContent; }
    } else if (item) {
      const primary = item.getElementsByTagName("imsss:primaryObjective")[0];
      const measure = primary && primary.getElementsByTagName("imsss:minNormalizedMeasure")[0];
      if (primary && primary.getAttribute("satisfiedByMeasure") === "true") {
        mastery = measure ? Number(measure.textContent) : 1;
        cmi["cmi.scaled_passing_score"] = String(mastery);
      }
    }
    window.launchItem = item ? item.getAttribute("identifier") : null;
    const frame = document.createElement("iframe");
    frame.id = "sco"; frame.title = "course"; frame.width = "1000"; frame.height = "800";
    frame.src = settings.launch;
    document.body.appendChild(frame);
  });
}
"""#
