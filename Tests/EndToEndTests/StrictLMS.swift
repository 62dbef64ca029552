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
import LecternTesting

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

/// The product's runtime (the theme asset `lectern serve` hosts on its SCORM origin), wrapped as the strict
/// LMS: `window.cmi`, `window.calls`, `window.errors` and `window.nextSession()` for the tests, and the
/// manifest's mastery score read as an LMS reads it on import.
private let strictLMSScript = ((try? String(contentsOf: repositoryRoot.appendingPathComponent("Themes/default/assets/scorm-runtime.js"), encoding: .utf8)) ?? "") + #"""
function startLMS(settings, stored) {
  const v12 = settings.edition === "1.2";
  window.cmi = {}; window.calls = []; window.errors = [];
  fetch("imsmanifest.xml").then((response) => response.text()).then((xml) => {
    const found = LecternScorm.masteryFromManifest(xml, settings.launch, v12);
    const session = LecternScorm.start(Object.assign({ learnerName: "Learner, Test", learnerId: "t1", mastery: found.mastery }, settings), stored, {});
    window.cmi = session.cmi;
    window.calls = session.calls;
    window.errors = session.errors;
    window.nextSession = session.kept;
    window.launchItem = found.item;
    const frame = document.createElement("iframe");
    frame.id = "sco"; frame.title = "course"; frame.width = "1000"; frame.height = "800";
    frame.src = settings.launch;
    document.body.appendChild(frame);
  });
}
"""#
