// Hand-written SCOs for the player tests: the first calls every data model element of its edition and
// checks each answer and error code; the others check navigation and end the session. Written into Lectern's
// own per-module package over its launch pages, so the manifest (three SCOs) is a valid one.
import Foundation
import LecternTesting

/// A package of `--sco-per-module` digital-literacy (three SCOs) whose launch pages are the test SCOs.
func testSCOPackage(_ format: String) throws -> Data {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("test-scos-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let zip = folder.appendingPathComponent("package.zip"), out = folder.appendingPathComponent("tests.zip")
    _ = try runLectern("package", sampleCourse("digital-literacy").path, "--format", format, "--sco-per-module", "--out", zip.path)
    let pages = [testSCO(format, role: "checks"), testSCO(format, role: "middle"), testSCO(format, role: "last")]
    let pagesFile = folder.appendingPathComponent("pages.json")
    try JSONSerialization.data(withJSONObject: pages).write(to: pagesFile)
    let (status, text) = try runTool("python3", ["-c", replaceLaunchPages, zip.path, out.path, pagesFile.path])
    guard status == 0 else { throw WebDriverError(message: text) }
    return try Data(contentsOf: out)
}

private let replaceLaunchPages = #"""
import json, re, sys, zipfile
source, out, pages = sys.argv[1:4]
src = zipfile.ZipFile(source)
pages = json.load(open(pages))
manifest = src.read("imsmanifest.xml").decode()
launches = re.findall(r'<resource [^>]*scorm[tT]ype="sco"[^>]*href="([^"]+)"', manifest)
assert len(launches) == 3, launches
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for info in src.infolist():
        if info.filename in launches: z.writestr(info.filename, pages[launches.index(info.filename)])
        else: z.writestr(info, src.read(info))
"""#

/// One test SCO. `checks` runs the table of its edition (recording mismatches in `window.failures`) and
/// waits for `window.finishNow()`; on a resumed launch it checks what the first session left. `middle` and
/// `last` record their navigation checks in `cmi.suspend_data` and terminate at once.
func testSCO(_ format: String, role: String) -> String {
    """
    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test SCO</title></head><body><p>Test SCO</p>
    <script>
    const v12 = \(format == "scorm12");
    const role = "\(role)";
    \(testSCOScript)
    </script></body></html>
    """
}

private let testSCOScript = #"""
function find(name) {
  for (let win = window; win; win = win.parent) { try { if (win[name]) return win[name]; } catch (e) {} if (win === win.parent) break; }
  return null;
}
const api = find(v12 ? "API" : "API_1484_11");
const N = v12
  ? { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", error: "LMSGetLastError", string: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" }
  : { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit", error: "GetLastError", string: "GetErrorString", diagnostic: "GetDiagnostic" };
window.failures = [];
window.checked = 0;
/** [method, argument(s), expected answer (a string, or /regex/), expected error code]. */
function run(rows) {
  for (const [method, args, answer, code] of rows) {
    const list = Array.isArray(args) ? args : [args];
    const got = api[N[method]](...list);
    const error = api[N.error]();
    const answerOK = answer === null || (answer instanceof RegExp ? answer.test(got) : got === answer);
    window.checked += 1;
    if (!answerOK || error !== code) window.failures.push(JSON.stringify([method, list, got, error, "expected", String(answer), code]));
  }
}
const long = (n) => "x".repeat(n);

const before12 = [["get", "cmi.core.student_id", "", "301"], ["set", ["cmi.core.lesson_location", "a"], "false", "301"],
  ["commit", "", "false", "301"], ["finish", "", "false", "301"], ["init", "x", "false", "201"], ["init", "", "true", "0"], ["init", "", "false", "101"]];
const model12 = [
  ["get", "cmi.core._children", /student_id.*lesson_status.*session_time/, "0"], ["get", "cmi.core.student_id", /.+/, "0"],
  ["get", "cmi.core.student_name", /.+/, "0"], ["get", "cmi.core.credit", "credit", "0"], ["get", "cmi.core.entry", "ab-initio", "0"],
  ["get", "cmi.core.lesson_mode", "normal", "0"], ["get", "cmi.core.lesson_status", "not attempted", "0"],
  ["get", "cmi.core.total_time", "0000:00:00", "0"], ["get", "cmi.core.score._children", "raw,min,max", "0"], ["get", "cmi.launch_data", "", "0"],
  ["get", "cmi.comments_from_lms", "", "0"], ["get", "cmi.core.exit", "", "404"], ["get", "cmi.core.session_time", "", "404"],
  ["get", "cmi.core.student_name._children", "", "202"], ["get", "cmi.core._count", "", "203"], ["get", "cmi.nothing", "", "401"],
  ["get", "", "", "201"],
  ["set", ["cmi.core.student_id", "me"], "false", "403"], ["set", ["cmi.core._children", "x"], "false", "402"],
  ["set", ["cmi.core.lesson_status", "bogus"], "false", "405"], ["set", ["cmi.core.lesson_status", "not attempted"], "false", "405"],
  ["set", ["cmi.core.lesson_status", "incomplete"], "true", "0"], ["set", ["cmi.core.score.raw", "abc"], "false", "405"],
  ["set", ["cmi.core.score.raw", "101"], "false", "405"], ["set", ["cmi.core.score.raw", {}], "false", "405"],
  ["set", ["cmi.core.score.raw", null], "false", "405"], ["set", ["cmi.core.score.raw", 70], "true", "0"], ["get", "cmi.core.score.raw", "70", "0"],
  ["set", ["cmi.core.score.raw", "85"], "true", "0"],
  ["set", ["cmi.core.score.min", "0"], "true", "0"], ["set", ["cmi.core.score.max", "100"], "true", "0"], ["get", "cmi.core.score.raw", "85", "0"],
  ["set", ["cmi.core.lesson_location", long(256)], "false", "405"], ["set", ["cmi.core.lesson_location", "page-3"], "true", "0"],
  ["get", "cmi.core.lesson_location", "page-3", "0"], ["set", ["cmi.suspend_data", long(4097)], "false", "405"],
  ["set", ["cmi.suspend_data", "state-1"], "true", "0"], ["set", ["cmi.comments", "hello"], "true", "0"], ["set", ["cmi.comments_from_lms", "x"], "false", "403"],
  ["set", ["cmi.launch_data", "x"], "false", "403"],
  ["get", "cmi.objectives._children", "id,score,status", "0"], ["get", "cmi.objectives._count", "0", "0"],
  ["set", ["cmi.objectives.1.id", "x"], "false", "201"], ["set", ["cmi.objectives.0.id", "bad id!"], "false", "405"],
  ["set", ["cmi.objectives.0.id", "obj-1"], "true", "0"], ["set", ["cmi.objectives.0.status", "wrong"], "false", "405"],
  ["set", ["cmi.objectives.0.status", "passed"], "true", "0"], ["set", ["cmi.objectives.0.score.raw", "90"], "true", "0"],
  ["get", "cmi.objectives.0.id", "obj-1", "0"], ["get", "cmi.objectives.0.score._children", "raw,min,max", "0"], ["get", "cmi.objectives._count", "1", "0"],
  ["get", "cmi.student_data._children", "mastery_score,max_time_allowed,time_limit_action", "0"], ["get", "cmi.student_data.max_time_allowed", "", "0"],
  ["set", ["cmi.student_data.mastery_score", "50"], "false", "403"],
  ["get", "cmi.student_preference._children", "audio,language,speed,text", "0"], ["set", ["cmi.student_preference.audio", "101"], "false", "405"],
  ["set", ["cmi.student_preference.audio", "50"], "true", "0"], ["get", "cmi.student_preference.audio", "50", "0"],
  ["set", ["cmi.student_preference.speed", "-101"], "false", "405"], ["set", ["cmi.student_preference.speed", "10"], "true", "0"],
  ["set", ["cmi.student_preference.text", "2"], "false", "405"], ["set", ["cmi.student_preference.text", "1"], "true", "0"],
  ["set", ["cmi.student_preference.language", "en"], "true", "0"],
  ["get", "cmi.interactions._children", /^id,objectives,time,type,correct_responses/, "0"], ["get", "cmi.interactions._count", "0", "0"],
  ["set", ["cmi.interactions.1.id", "q2"], "false", "201"], ["set", ["cmi.interactions.0.id", "q1"], "true", "0"],
  ["set", ["cmi.interactions.0.type", "essay"], "false", "405"], ["set", ["cmi.interactions.0.type", "choice"], "true", "0"],
  ["set", ["cmi.interactions.0.time", "10:00"], "false", "405"], ["set", ["cmi.interactions.0.time", "10:00:00"], "true", "0"],
  ["set", ["cmi.interactions.0.weighting", "x"], "false", "405"], ["set", ["cmi.interactions.0.weighting", "1"], "true", "0"],
  ["set", ["cmi.interactions.0.student_response", "a"], "true", "0"], ["set", ["cmi.interactions.0.result", "maybe"], "false", "405"],
  ["set", ["cmi.interactions.0.result", "correct"], "true", "0"], ["set", ["cmi.interactions.0.latency", "5s"], "false", "405"],
  ["set", ["cmi.interactions.0.latency", "00:00:05"], "true", "0"], ["set", ["cmi.interactions.0.correct_responses.1.pattern", "a"], "false", "201"],
  ["set", ["cmi.interactions.0.correct_responses.0.pattern", "a"], "true", "0"], ["set", ["cmi.interactions.0.objectives.0.id", "obj-1"], "true", "0"],
  ["get", "cmi.interactions.0.id", "", "404"], ["get", "cmi.interactions.0.objectives._count", "1", "0"],
  ["get", "cmi.interactions.0.correct_responses._count", "1", "0"], ["get", "cmi.interactions._count", "1", "0"],
  ["set", ["cmi.core.session_time", "1 minute"], "false", "405"], ["set", ["cmi.core.session_time", "00:01:00"], "true", "0"],
  ["set", ["cmi.core.exit", "bogus"], "false", "405"], ["set", ["cmi.core.exit", "suspend"], "true", "0"],
  ["string", "405", "Incorrect data type", "0"], ["string", "401", "Not implemented error", "0"], ["diagnostic", "403", "Element is read only", "0"],
  ["commit", "x", "false", "201"], ["commit", "", "true", "0"]];
const after12 = [["get", "cmi.core.lesson_location", "", "301"], ["set", ["cmi.core.lesson_location", "b"], "false", "301"],
  ["commit", "", "false", "301"], ["finish", "", "false", "301"]];

const before2004 = [["get", "cmi.learner_id", "", "122"], ["set", ["cmi.location", "a"], "false", "132"], ["commit", "", "false", "142"],
  ["finish", "", "false", "112"], ["init", "x", "false", "201"], ["init", "", "true", "0"], ["init", "", "false", "103"]];
const model2004 = [
  ["get", "cmi._version", "1.0", "0"], ["get", "cmi.learner_id", /.+/, "0"], ["get", "cmi.learner_name", /.+/, "0"], ["get", "cmi.entry", "ab-initio", "0"],
  ["get", "cmi.mode", "normal", "0"], ["get", "cmi.credit", "credit", "0"], ["get", "cmi.completion_status", "unknown", "0"],
  ["get", "cmi.success_status", "unknown", "0"], ["get", "cmi.total_time", "PT0S", "0"], ["get", "cmi.launch_data", "", "0"],
  ["get", "cmi.location", "", "403"], ["get", "cmi.suspend_data", "", "403"], ["get", "cmi.completion_threshold", "", "403"],
  ["get", "cmi.max_time_allowed", "", "403"], ["get", "cmi.time_limit_action", "", "403"], ["get", "cmi.progress_measure", "", "403"],
  ["get", "cmi.exit", "", "405"], ["get", "cmi.session_time", "", "405"], ["get", "cmi.nothing", "", "401"], ["get", "", "", "301"],
  ["get", "cmi.learner_name._children", "", "301"], ["get", "cmi.location._count", "", "301"], ["get", "cmi.score._children", "scaled,raw,min,max", "0"],
  ["get", "cmi.comments_from_lms._children", "comment,location,timestamp", "0"], ["get", "cmi.comments_from_lms._count", "0", "0"],
  ["get", "cmi.learner_preference._children", "audio_level,language,delivery_speed,audio_captioning", "0"],
  ["get", "cmi.learner_preference.audio_level", "1", "0"], ["get", "cmi.learner_preference.delivery_speed", "1", "0"],
  ["get", "cmi.learner_preference.audio_captioning", "0", "0"], ["get", "cmi.learner_preference.language", "", "0"],
  ["set", ["cmi._version", "2"], "false", "404"], ["set", ["cmi.learner_id", "me"], "false", "404"], ["set", ["cmi.score._children", "x"], "false", "404"],
  ["set", ["cmi.nothing", "x"], "false", "401"], ["set", ["", "x"], "false", "351"],
  ["set", ["cmi.completion_status", "done"], "false", "406"], ["set", ["cmi.completion_status", "incomplete"], "true", "0"],
  ["set", ["cmi.success_status", "passed"], "true", "0"], ["set", ["cmi.score.scaled", "2"], "false", "407"], ["set", ["cmi.score.scaled", "abc"], "false", "406"],
  ["set", ["cmi.score.scaled", [0.5]], "false", "406"], ["set", ["cmi.score.scaled", undefined], "false", "406"],
  ["set", ["cmi.score.scaled", true], "false", "406"], ["set", ["cmi.score.scaled", 0.5], "true", "0"], ["get", "cmi.score.scaled", "0.5", "0"],
  ["set", ["cmi.score.scaled", "0.9"], "true", "0"], ["set", ["cmi.score.raw", "90"], "true", "0"], ["set", ["cmi.score.min", "0"], "true", "0"],
  ["set", ["cmi.score.max", "100"], "true", "0"], ["set", ["cmi.progress_measure", "1.5"], "false", "407"], ["set", ["cmi.progress_measure", "0.5"], "true", "0"],
  ["set", ["cmi.location", long(1001)], "false", "406"], ["set", ["cmi.location", "page-3"], "true", "0"], ["get", "cmi.location", "page-3", "0"],
  ["set", ["cmi.suspend_data", long(64001)], "false", "406"], ["set", ["cmi.suspend_data", "state-2004"], "true", "0"],
  ["set", ["cmi.learner_preference.audio_level", "-1"], "false", "407"], ["set", ["cmi.learner_preference.audio_level", "0.5"], "true", "0"],
  ["set", ["cmi.learner_preference.audio_captioning", "2"], "false", "406"], ["set", ["cmi.learner_preference.language", "en-US"], "true", "0"],
  ["set", ["cmi.learner_preference.delivery_speed", "abc"], "false", "406"], ["get", "cmi.learner_preference.audio_level", "0.5", "0"],
  ["get", "cmi.objectives._children", "id,score,success_status,completion_status,progress_measure,description", "0"], ["get", "cmi.objectives._count", "0", "0"],
  ["set", ["cmi.objectives.1.id", "x"], "false", "351"], ["set", ["cmi.objectives.0.score.raw", "1"], "false", "408"],
  ["set", ["cmi.objectives.0.id", "obj-1"], "true", "0"], ["set", ["cmi.objectives.0.id", "obj-2"], "false", "351"],
  ["set", ["cmi.objectives.1.id", "obj-1"], "false", "351"], ["set", ["cmi.objectives.0.success_status", "passed"], "true", "0"],
  ["set", ["cmi.objectives.0.score.scaled", "0.8"], "true", "0"], ["set", ["cmi.objectives.0.description", "{lang=en}Objective"], "true", "0"],
  ["set", ["cmi.objectives.0.progress_measure", "2"], "false", "407"], ["get", "cmi.objectives.0.completion_status", "", "403"],
  ["get", "cmi.objectives.5.id", "", "301"], ["get", "cmi.objectives.0.id", "obj-1", "0"], ["get", "cmi.objectives._count", "1", "0"],
  ["set", ["cmi.comments_from_learner.0.comment", "{lang=en}Nice"], "true", "0"], ["set", ["cmi.comments_from_learner.0.location", "p1"], "true", "0"],
  ["set", ["cmi.comments_from_learner.0.timestamp", "yesterday"], "false", "406"],
  ["set", ["cmi.comments_from_learner.0.timestamp", "2026-12-06T01:00:00"], "true", "0"], ["get", "cmi.comments_from_learner._count", "1", "0"],
  ["set", ["cmi.comments_from_learner.2.comment", "x"], "false", "351"], ["set", ["cmi.comments_from_lms.0.comment", "x"], "false", "404"],
  ["get", "cmi.interactions._count", "0", "0"], ["set", ["cmi.interactions.0.type", "choice"], "false", "408"],
  ["set", ["cmi.interactions.0.id", "q1"], "true", "0"], ["set", ["cmi.interactions.0.learner_response", "a"], "false", "408"],
  ["set", ["cmi.interactions.0.type", "essay"], "false", "406"], ["set", ["cmi.interactions.0.type", "choice"], "true", "0"],
  ["set", ["cmi.interactions.0.learner_response", "a[,]b"], "true", "0"], ["set", ["cmi.interactions.0.correct_responses.0.pattern", "a"], "true", "0"],
  ["set", ["cmi.interactions.0.correct_responses.2.pattern", "b"], "false", "351"], ["set", ["cmi.interactions.0.result", "wrong"], "false", "406"],
  ["set", ["cmi.interactions.0.result", "incorrect"], "true", "0"], ["set", ["cmi.interactions.0.timestamp", "2026-12-06T01:00:00"], "true", "0"],
  ["set", ["cmi.interactions.0.latency", "PT5S"], "true", "0"], ["set", ["cmi.interactions.0.weighting", "1"], "true", "0"],
  ["set", ["cmi.interactions.0.description", "{lang=en}Q"], "true", "0"], ["set", ["cmi.interactions.0.objectives.0.id", "obj-1"], "true", "0"],
  ["get", "cmi.interactions.0.id", "q1", "0"], ["get", "cmi.interactions._count", "1", "0"], ["get", "cmi.interactions.0.correct_responses._count", "1", "0"],
  ["get", "cmi.interactions.0.objectives._count", "1", "0"], ["set", ["cmi.interactions.1.id", "q1"], "false", "351"],
  ["set", ["cmi.interactions.3.id", "q3"], "false", "351"],
  ["get", "adl.nav.request", "_none_", "0"], ["get", "adl.nav.request_valid.continue", "true", "0"], ["get", "adl.nav.request_valid.previous", "false", "0"],
  ["get", "adl.nav.request_valid.choice.{target=ITEM-searching-well}", "true", "0"], ["get", "adl.nav.request_valid.choice.{target=nope}", "false", "0"],
  ["set", ["adl.nav.request", "bogus"], "false", "406"], ["set", ["adl.nav.request_valid.continue", "true"], "false", "404"],
  ["set", ["cmi.session_time", "1 minute"], "false", "406"], ["set", ["cmi.session_time", "PT1M"], "true", "0"],
  ["set", ["cmi.exit", "bogus"], "false", "406"], ["set", ["cmi.exit", "suspend"], "true", "0"],
  ["string", "406", "Data model element type mismatch", "0"], ["string", "408", "Data model dependency not established", "0"],
  ["diagnostic", "404", "Data model element is read only", "0"], ["commit", "x", "false", "201"], ["commit", "", "true", "0"]];
const after2004 = [["get", "cmi.location", "", "123"], ["set", ["cmi.location", "b"], "false", "133"], ["commit", "", "false", "143"],
  ["finish", "", "false", "113"], ["init", "", "false", "104"]];

// What the package's own origin can reach: its own storage (empty), never the kiosk's.
function reach(read) { try { return JSON.stringify(read()); } catch (error) { return error.name; } }
window.security = {
  ownStorage: reach(() => Object.keys(localStorage)),
  kioskStorage: reach(() => Object.keys(window.parent.parent.localStorage)),
  kioskDocument: reach(() => window.top.document.title),
  kioskNavigation: reach(() => { window.top.location.href = "https://example.org/"; return "navigated"; })
};
// The policy keeps requests on the package's origin: another address is refused before any network.
document.addEventListener("securitypolicyviolation", (event) => { window.security.violated = event.effectiveDirective; });
fetch("http://127.0.0.2:9/steal").then(() => "sent", (error) => error.name).then((result) => { window.security.otherOrigin = result; });

if (role === "checks") {
  run(v12 ? before12 : before2004);
  const entry = api[N.get](v12 ? "cmi.core.entry" : "cmi.entry");
  if (entry === "resume") {
    run(v12
      ? [["get", "cmi.core.lesson_location", "page-3", "0"], ["get", "cmi.suspend_data", "state-1", "0"], ["get", "cmi.objectives.0.id", "obj-1", "0"],
         ["get", "cmi.student_preference.audio", "50", "0"], ["get", "cmi.interactions._count", "1", "0"],
         ["get", "cmi.core.total_time", "0000:01:00.00", "0"], ["get", "cmi.core.entry", "resume", "0"]]
      : [["get", "cmi.location", "page-3", "0"], ["get", "cmi.suspend_data", "state-2004", "0"], ["get", "cmi.objectives.0.id", "obj-1", "0"],
         ["get", "cmi.learner_preference.language", "en-US", "0"], ["get", "cmi.comments_from_learner.0.comment", "{lang=en}Nice", "0"],
         ["get", "cmi.interactions.0.id", "q1", "0"], ["get", "cmi.total_time", "PT1M", "0"], ["get", "cmi.entry", "resume", "0"]]);
    window.resumed = true;
  } else {
    run(v12 ? model12 : model2004);
  }
  window.ready = true;
  window.finishNow = function (request) {
    if (!v12 && request) api[N.set]("adl.nav.request", request);
    run([["finish", "", "true", "0"]]);
    run(v12 ? after12 : after2004);
    return window.failures;
  };
} else {
  run([["init", "", "true", "0"]]);
  const rows = v12 ? [] : role === "middle"
    ? [["get", "adl.nav.request_valid.previous", "true", "0"], ["get", "adl.nav.request_valid.continue", "true", "0"]]
    : [["get", "adl.nav.request_valid.previous", "true", "0"], ["get", "adl.nav.request_valid.continue", "false", "0"]];
  run(rows);
  api[N.set]("cmi.suspend_data", JSON.stringify(window.failures.concat([window.security.kioskStorage])));
  api[N.set](v12 ? "cmi.core.lesson_status" : "cmi.completion_status", "completed");
  // Suspended, so the next launch resumes this attempt and the test reads back what it stored (a finished
  // attempt left without suspending would make the next launch a fresh attempt).
  api[N.set](v12 ? "cmi.core.exit" : "cmi.exit", "suspend");
  if (!v12) api[N.set]("adl.nav.request", role === "middle" ? "{target=ITEM-searching-well}choice" : "exitAll");
  api[N.finish]("");
}
"""#
