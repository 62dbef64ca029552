import CourseModel
import Foundation

extension Store {
    /// Every course, lesson and quiz the records name, with rows and learners: what `Orphans` compares
    /// with the served courses. A course's row counts every table that names it by slug.
    public func recordedItems() throws -> [RecordedItem] {
        try read { db in
            let courses = try db.prepare("""
                SELECT course, count(*), count(DISTINCT user_id) FROM (
                    SELECT course, user_id FROM enrollment UNION ALL SELECT course, user_id FROM lesson_completion
                    UNION ALL SELECT course, user_id FROM attempt UNION ALL SELECT course, student_id FROM grade
                    UNION ALL SELECT course, user_id FROM certificate UNION ALL SELECT course, user_id FROM review
                    UNION ALL SELECT course, user_id FROM bookmark UNION ALL SELECT course, user_id FROM discussion_post) AS named
                GROUP BY course
                """).rows([]) { RecordedItem(kind: "course", course: $0.string(0) ?? "", item: nil, records: $0.int(1), learners: $0.int(2)) }
            let lessons = try db.prepare("SELECT course, lesson, count(*), count(DISTINCT user_id) FROM lesson_completion GROUP BY course, lesson")
                .rows([]) { RecordedItem(kind: "lesson", course: $0.string(0) ?? "", item: $0.string(1), records: $0.int(2), learners: $0.int(3)) }
            let quizzes = try db.prepare("SELECT course, quiz, count(*), count(DISTINCT user_id) FROM attempt GROUP BY course, quiz")
                .rows([]) { RecordedItem(kind: "quiz", course: $0.string(0) ?? "", item: $0.string(1), records: $0.int(2), learners: $0.int(3)) }
            return courses + lessons + quizzes
        }
    }

    /// The records no course in `courses` has any more.
    public func orphans(in courses: [Course]) throws -> [Orphan] {
        Orphans.find(try recordedItems(), in: courses)
    }
}
