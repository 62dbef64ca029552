import CourseModel

/// Records kept for a course, lesson or quiz that no served course has any more: a course renamed its
/// slug, or a lesson or quiz was removed or given another id. They are listed for an administrator
/// (after a reload, `lectern db orphans`) and never deleted because a course changed: putting the item
/// back, or its old id, brings the learners' records back.
public struct Orphan: Sendable, Encodable, Equatable {
    /// `course`, `lesson` or `quiz`.
    public var kind: String
    public var course: String
    /// The lesson or quiz id; nil for a whole course.
    public var item: String?
    /// Rows that name it (enrollments, completions, attempts, grades, certificates, reviews, bookmarks).
    public var records: Int
    /// Learners those rows belong to.
    public var learners: Int
}

/// A course, lesson or quiz some record names, with how many rows and learners.
public struct RecordedItem: Sendable, Equatable {
    public var kind: String, course: String, item: String?, records: Int, learners: Int
}

public enum Orphans {
    /// The recorded items that `courses` no longer have, courses first, then by course and id.
    public static func find(_ recorded: [RecordedItem], in courses: [Course]) -> [Orphan] {
        var items: [String: (lessons: Set<String>, quizzes: Set<String>)] = [:]
        for course in courses { items[course.slug] = (Set(course.lessons.map(\.id)), Set(course.quizzes.map(\.id))) }
        let orphaned = recorded.filter { (record: RecordedItem) -> Bool in
            guard let served = items[record.course] else { return record.kind == "course" }
            switch record.kind {
            case "lesson": return !served.lessons.contains(record.item ?? "")
            case "quiz": return !served.quizzes.contains(record.item ?? "")
            default: return false
            }
        }
        let sorted = orphaned.sorted { (first: RecordedItem, second: RecordedItem) -> Bool in
            let (a, b) = ((first.kind == "course" ? 0 : 1, first.course, first.item ?? ""), (second.kind == "course" ? 0 : 1, second.course, second.item ?? ""))
            return a < b
        }
        return sorted.map { Orphan(kind: $0.kind, course: $0.course, item: $0.item, records: $0.records, learners: $0.learners) }
    }
}
