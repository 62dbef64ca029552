import CourseModel
import Crypto
import Foundation

/// Lectern's learning events as xAPI 1.0.3 statements: a lesson completed; a quiz attempted, then passed
/// or failed with its score and duration, and each question answered with its response and whether it
/// was right. Ids are derived from the event (the same attempt always gives the same statement id), so
/// exporting or forwarding again never makes a second, different statement of one event.
public struct XAPIStatements: Sendable {
    /// Where learners reach this server, ending in `/`: the accounts' `homePage`, and the base of the
    /// activity ids, so statements from several kiosks stay apart in one record store.
    public let homePage: String
    let courses: [String: Course]

    /// Without a public URL: this machine's name, so kiosks sending to one record store stay apart.
    public static var defaultHomePage: String { "http://\(ProcessInfo.processInfo.hostName.lowercased())/" }

    public init(homePage: String, courses: [Course]) {
        self.homePage = homePage.hasSuffix("/") ? homePage : homePage + "/"
        self.courses = Dictionary(courses.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func statements(for events: [LearningEvent]) -> [XAPIStatement] {
        events.flatMap(statements)
    }

    func statements(for event: LearningEvent) -> [XAPIStatement] {
        let course = courses[event.course]
        let actor = XAPIStatement.Agent(name: event.name.isEmpty ? nil : event.name,
                                        account: .init(homePage: homePage, name: event.username))
        let courseActivity = activity(event.course, nil, name: course?.title, type: XAPIActivityType.course, language: course?.language)
        func context(parent: XAPIStatement.Activity, registration: String? = nil) -> XAPIStatement.Context {
            XAPIStatement.Context(registration: registration, platform: "Lectern", language: course?.language,
                                  contextActivities: .init(parent: [parent], grouping: parent == courseActivity ? nil : [courseActivity]))
        }
        switch event.kind {
        case .completedLesson(let lesson):
            let object = activity(event.course, lesson, name: course?.lessons.first { $0.id == lesson }?.title, type: XAPIActivityType.lesson,
                                  language: course?.language)
            return [XAPIStatement(id: Self.uuid("completed|\(event.username)|\(event.course)|\(lesson)"), actor: actor, verb: XAPIVerb.completed,
                                  object: object, result: .init(completion: true), context: context(parent: courseActivity),
                                  timestamp: Timestamp.text(event.at))]
        case .startedQuiz(let attempt, let quiz):
            let object = quizActivity(event.course, quiz, course)
            return [XAPIStatement(id: Self.uuid("attempted|\(attempt)|\(event.username)"), actor: actor, verb: XAPIVerb.attempted, object: object,
                                  context: context(parent: courseActivity, registration: Self.uuid("attempt|\(attempt)|\(event.username)")),
                                  timestamp: Timestamp.text(event.at))]
        case .submittedQuiz(let attempt, let quiz, let score, let passed, let startedAt, let answersJSON, let correct):
            let object = quizActivity(event.course, quiz, course)
            let registration = Self.uuid("attempt|\(attempt)|\(event.username)")
            let result = XAPIStatement.Result(score: .init(scaled: score / 100, raw: score, min: 0, max: 100), success: passed, completion: true,
                                              duration: Self.duration(seconds: max(0, event.at - startedAt)))
            var made = [XAPIStatement(id: Self.uuid("graded|\(attempt)|\(event.username)"), actor: actor, verb: passed ? XAPIVerb.passed : XAPIVerb.failed,
                                      object: object, result: result, context: context(parent: courseActivity, registration: registration),
                                      timestamp: Timestamp.text(event.at))]
            let questions = course?.quizzes.first { $0.id == quiz }?.questions ?? []
            for (questionID, response) in Self.answers(answersJSON) {
                let question = questions.first { $0.id == questionID }
                var questionActivity = activity(event.course, quiz + "/" + questionID, name: question.map { String($0.prompt.prefix(200)) },
                                                type: XAPIActivityType.question, language: course?.language)
                questionActivity.definition?.interactionType = question.map { Self.interactionType($0.kind) } ?? "other"
                made.append(XAPIStatement(id: Self.uuid("answered|\(attempt)|\(event.username)|\(questionID)"), actor: actor, verb: XAPIVerb.answered,
                                          object: questionActivity, result: .init(success: correct.contains(questionID), response: response),
                                          context: context(parent: object, registration: registration), timestamp: Timestamp.text(event.at)))
            }
            return made
        case .submittedAssignment(let submission, let assignment, let late):
            let object = assignmentActivity(event.course, assignment, course)
            // A replacement is a new hand-in: its time is part of its id.
            var extensions: [String: Bool]? = nil
            if late { extensions = [Self.lateExtension: true] }
            return [XAPIStatement(id: Self.uuid("submitted|\(submission)|\(event.at)|\(event.username)"), actor: actor, verb: XAPIVerb.submitted,
                                  object: object, result: .init(completion: true, extensions: extensions),
                                  context: context(parent: courseActivity, registration: Self.uuid("submission|\(submission)|\(event.username)")),
                                  timestamp: Timestamp.text(event.at))]
        case .gradedAssignment(let submission, let assignment, let points, let feedback):
            let object = assignmentActivity(event.course, assignment, course)
            let maximum = course?.assignments.first { $0.id == assignment }?.points ?? max(points, 1)
            let score = XAPIStatement.Score(scaled: maximum > 0 ? min(1, max(0, points / maximum)) : 0, raw: points, min: 0, max: max(maximum, points))
            return [XAPIStatement(id: Self.uuid("scored|\(submission)|\(event.at)|\(event.username)"), actor: actor, verb: XAPIVerb.scored,
                                  object: object, result: .init(score: score, response: feedback.isEmpty ? nil : String(feedback.prefix(1000))),
                                  context: context(parent: courseActivity, registration: Self.uuid("submission|\(submission)|\(event.username)")),
                                  timestamp: Timestamp.text(event.at))]
        }
    }

    /// The extension a late hand-in's result carries.
    static let lateExtension = "https://lectern.dev/xapi/extensions/late"

    private func assignmentActivity(_ slug: String, _ assignment: String, _ course: Course?) -> XAPIStatement.Activity {
        activity(slug, assignment, name: course?.assignments.first { $0.id == assignment }?.title, type: XAPIActivityType.assessment,
                 language: course?.language)
    }

    private func quizActivity(_ slug: String, _ quiz: String, _ course: Course?) -> XAPIStatement.Activity {
        activity(slug, quiz, name: course?.quizzes.first { $0.id == quiz }?.title, type: XAPIActivityType.assessment, language: course?.language)
    }

    /// `<homePage>xapi/activities/<course>[/<item>]`: the course's stable ids, escaped, under this server.
    func activity(_ slug: String, _ item: String?, name: String?, type: String, language: String?) -> XAPIStatement.Activity {
        let escape = { (text: String) in
            text.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "" }.joined(separator: "/")
        }
        let id = homePage + "xapi/activities/" + escape(slug) + (item.map { "/" + escape($0) } ?? "")
        return XAPIStatement.Activity(id: id, definition: .init(name: name.map { [language ?? "en": $0] }, type: type))
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The answers of a submitted attempt, each response as the JSON the learner's answer was.
    static func answers(_ json: String?) -> [(String, String)] {
        guard let json, let list = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let id = entry["questionId"] as? String, let answer = entry["answer"],
                  let data = try? JSONSerialization.data(withJSONObject: answer, options: [.fragmentsAllowed, .sortedKeys]) else { return nil }
            return (id, String(decoding: data, as: UTF8.self))
        }
    }

    static func interactionType(_ kind: Question.Kind) -> String {
        switch kind {
        case .single, .multiple: "choice"
        case .trueFalse: "true-false"
        case .short: "fill-in"
        case .numeric: "numeric"
        }
    }

    /// ISO 8601 duration, whole seconds.
    static func duration(seconds: Int) -> String { "PT\(seconds)S" }

    /// A name-based UUID: the layout of RFC 4122's version 5, over SHA-256 (libsodium's) instead of SHA-1.
    static func uuid(_ name: String) -> String {
        var bytes = Array(SHA256.hash(Array(("lectern-xapi|" + name).utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
