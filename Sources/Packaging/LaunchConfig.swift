import CourseModel
import Foundation

/// What a SCO's launch page tells the runtime script (`scorm.js`): the edition, the lessons and quizzes
/// it tracks with their codes, the completion rule and the data model's limits.
struct LaunchConfig: Encodable {
    struct Item: Encodable {
        var id: String
        var code: String
        /// The id's whole hash: its last n characters are the item's code at width n, so the runtime reads
        /// suspend data an older package wrote with other widths.
        var key: String
        var href: String
        var title: String
        var passScore: Double?
        /// A quiz's questions in authored order, each with its choice ids in authored order: an open attempt
        /// in suspend data names them by their indexes here.
        var questions: [QuestionOrder]?
    }

    /// One question of a quiz as authored: its id and its choices' ids (none for typed answers).
    struct QuestionOrder: Encodable {
        var id: String
        var choices: [String]
    }

    var edition: String
    var scoId: String
    var courseId: String
    var courseTitle: String
    var startHref: String
    var lessons: [Item]
    var quizzes: [Item]
    var completion: String
    /// The pages of the course's other SCOs (their items and module pages): the launch page keeps the
    /// learner inside this SCO and ends it with a notice instead of opening them.
    var outsideHrefs: [String]
    var codeWidth: Int
    var suspendDataLimit: Int
    var locationLimit: Int
    /// At most one commit per this many milliseconds: LMSs slow down under a commit on every click.
    var commitIntervalMs = 5000
    var language: String

    init(course: Course, sco: Sco, edition: ScormEdition, codes: ItemCodes, pages: [String: String], modulePages: [String: String]) {
        self.edition = edition.runtimeVersion
        scoId = sco.id
        courseId = course.id
        courseTitle = course.title
        startHref = sco.id == "course" ? "index.html" : (pages[sco.modules.first?.items.first?.id ?? ""] ?? "index.html")
        lessons = sco.lessons.map { Item(id: $0.id, code: codes.codes[$0.id] ?? "", key: ItemCodes.key($0.id), href: pages[$0.id] ?? "",
                                         title: $0.title) }
        quizzes = sco.quizzes.map { Item(id: $0.id, code: codes.codes[$0.id] ?? "", key: ItemCodes.key($0.id), href: pages[$0.id] ?? "",
                                         title: $0.title, passScore: $0.passScore,
                                         questions: $0.questions.map { QuestionOrder(id: $0.id, choices: $0.choices.map(\.id)) }) }
        completion = course.completion.require.rawValue
        let inside = Set(sco.modules.map(\.id))
        outsideHrefs = course.modules.filter { !inside.contains($0.id) }
            .flatMap { module in [modulePages[module.id]].compactMap { $0 } + module.items.compactMap { pages[$0.id] } }
        codeWidth = codes.width
        suspendDataLimit = edition.suspendDataLimit
        locationLimit = edition.locationLimit
        language = course.language
    }

    /// JSON safe inside a `<script type="application/json">` element.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
