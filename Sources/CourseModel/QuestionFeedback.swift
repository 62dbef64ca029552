/// What a question shows after an answer is submitted, rendered to HTML by the site builder: its
/// explanation and the feedback of each choice. The server hands it out with a graded attempt.
public struct QuestionFeedback: Sendable, Equatable {
    public var explanationHTML: String?
    /// Choice id → feedback HTML, for the choices that have some.
    public var choiceHTML: [String: String]

    public init(explanationHTML: String?, choiceHTML: [String: String]) {
        self.explanationHTML = explanationHTML
        self.choiceHTML = choiceHTML
    }
}
