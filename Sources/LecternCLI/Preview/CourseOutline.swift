import CourseModel

/// A course with each lesson and quiz cut down to what other pages show of it (id, title, path,
/// duration, kind, draft state): two loads with equal outlines differ only inside some items, so only
/// those items' pages and search entries change (`CoursePages.update`). Everything else a page shows
/// (course fields, modules, media files, link targets) is kept, so any other change makes outlines differ.
struct CourseOutline: Equatable {
    let course: Course

    init(_ course: Course) {
        var outline = course
        for moduleIndex in outline.modules.indices {
            outline.modules[moduleIndex].items = outline.modules[moduleIndex].items.map(Self.cut)
        }
        self.course = outline
    }

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
        }
    }

    /// Items of `new` that differ from the same item (by id) in `old`.
    static func changedItems(from old: Course, to new: Course) -> [Module.Item] {
        var before: [String: Module.Item] = [:]
        for module in old.modules { for item in module.items { before[item.id] = item } }
        return new.modules.flatMap(\.items).filter { before[$0.id] != $0 }
    }
}
