import CourseModel

/// What other pages show of a course: everything but the insides of its lessons and quizzes. Two loads
/// whose outlines are equal differ only inside some items, so only those items' pages and search entries
/// change (`CoursePages.update`); any other change (a title, a duration, course.yaml, module.yaml, a file
/// added, removed or renamed, a media file) makes the outlines differ.
enum CourseOutline {
    /// The items at `paths` (course-relative) in `new` when the outline of `new` equals that of `old`, given
    /// that the items at other paths are unchanged (they came from the load cache); nil when outlines differ.
    static func changedItems(at paths: Set<String>, from old: Course, to new: Course) -> [Module.Item]? {
        var oldCourse = old, newCourse = new
        oldCourse.modules = []
        newCourse.modules = []
        guard oldCourse == newCourse, old.modules.count == new.modules.count else { return nil }
        for (before, after) in zip(old.modules, new.modules) {
            guard before.id == after.id, before.title == after.title, before.description == after.description,
                  before.isDraft == after.isDraft, before.path == after.path, before.items.count == after.items.count else { return nil }
        }
        var changed: [Module.Item] = []
        for path in paths {
            let before = item(at: path, in: old), after = item(at: path, in: new)
            guard before?.id == after?.id, before.map(cut) == after.map(cut) else { return nil }
            if let after, before != after { changed.append(after) }
        }
        return changed
    }

    private static func item(at path: String, in course: Course) -> Module.Item? {
        let folder = path.split(separator: "/").dropLast().joined(separator: "/")
        return course.modules.first { $0.path == folder }?.items.first { $0.path == path }
    }

    /// An item cut down to what other pages show of it: id, title, path, duration, kind, draft state.
    private static func cut(_ item: Module.Item) -> Module.Item {
        switch item {
        case .lesson(var lesson):
            lesson.body = ""
            lesson.bodyStartLine = 0
            lesson.headings = []
            lesson.summary = nil
            lesson.objectives = []
            return .lesson(lesson)
        case .quiz(var quiz):
            quiz.description = nil
            quiz.questions = []
            quiz.passScore = 0
            quiz.maxAttempts = nil
            quiz.timeLimitMinutes = nil
            quiz.shuffleQuestions = false
            quiz.shuffleChoices = false
            quiz.showAnswers = .never
            return .quiz(quiz)
        case .assignment(var assignment):
            assignment.body = ""
            assignment.bodyStartLine = 0
            assignment.headings = []
            return .assignment(assignment)
        }
    }
}
