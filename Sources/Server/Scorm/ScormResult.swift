/// What a SCO's stored CMI data says of the learner, read by the edition's own elements: whether the SCO
/// is done (completion), passed or failed (success) and the score in percent. SCORM 1.2's one status maps
/// as SCORM 2004 maps it for older content: `passed` and `failed` are also completed.
struct ScormResult: Equatable {
    var completed: Bool
    /// nil while the SCO has not said, and no mastery score decides.
    var passed: Bool?
    /// 0–100; nil when the SCO reported none.
    var score: Double?

    init(_ cmi: [String: String], edition: String, masteryScore: Double?) {
        if edition == "scorm12" {
            let status = cmi["cmi.core.lesson_status"] ?? ""
            completed = ["completed", "passed", "failed"].contains(status)
            passed = status == "passed" ? true : status == "failed" ? false : nil
            score = Self.percent(raw: cmi["cmi.core.score.raw"], min: cmi["cmi.core.score.min"], max: cmi["cmi.core.score.max"])
        } else {
            completed = cmi["cmi.completion_status"] == "completed"
            let success = cmi["cmi.success_status"]
            passed = success == "passed" ? true : success == "failed" ? false : nil
            score = cmi["cmi.score.scaled"].flatMap(Double.init).map { Self.clamped($0 * 100) }
                ?? Self.percent(raw: cmi["cmi.score.raw"], min: cmi["cmi.score.min"], max: cmi["cmi.score.max"])
        }
        // As an LMS judges a SCO that gives a score but no verdict, by the manifest's mastery score.
        if passed == nil, let masteryScore, let score, completed { passed = score >= masteryScore }
    }

    /// A raw score on its own scale when the SCO gave `min` and `max`, else read as a percent.
    static func percent(raw: String?, min: String?, max: String?) -> Double? {
        guard let raw = raw.flatMap(Double.init) else { return nil }
        let low = min.flatMap(Double.init) ?? 0
        if let high = max.flatMap(Double.init), high > low { return clamped((raw - low) / (high - low) * 100) }
        return clamped(raw)
    }

    static func clamped(_ value: Double) -> Double { Swift.min(100, Swift.max(0, (value * 10).rounded() / 10)) }

    /// The quiz result a graded SCO's step records: once the SCO gave a verdict (or finished with a score).
    /// A verdict without a score counts as 100 or 0, so a pass always counts as one.
    var graded: (score: Double, passed: Bool)? {
        guard let passed else { return nil }
        return (score ?? (passed ? 100 : 0), passed)
    }
}

extension ScormCMI {
    /// `cmi.core.exit` (1.2) or `cmi.exit` (2004) as the last session left it.
    var exit: String { values["cmi.core.exit"] ?? values["cmi.exit"] ?? "" }

    /// Whether a launch after this data begins the next attempt with fresh data. SCORM 2004 ends an attempt
    /// whenever a session terminates without `suspend` (RTE 4.2.8, `cmi.exit`). SCORM 1.2 has no attempts:
    /// as LMSs do, a new one begins only after a session that finished the SCO (completed, passed or failed)
    /// and did not suspend, so a learner who closes a SCO half-way never loses their place.
    func endsAttempt(edition: String) -> Bool {
        guard terminated, exit != "suspend" else { return false }
        if edition == "scorm12" { return ScormResult(values, edition: edition, masteryScore: nil).completed }
        return true
    }
}
