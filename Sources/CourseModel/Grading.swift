import Foundation

/// A learner's answer to one question, as the server receives it.
public enum SubmittedAnswer: Sendable, Equatable {
    /// A choice id (single, true_false).
    case choice(String)
    /// Choice ids (multiple).
    case choices([String])
    /// Typed text (short; numeric answers may arrive as text with a decimal comma).
    case text(String)
    case number(Double)
}

/// The grading rules, the same as the theme script's: single and true_false compare the choice id;
/// multiple needs exactly the correct set; short trims, collapses spaces and ignores case unless
/// `case_sensitive`; numeric accepts a decimal comma and anything within the tolerance.
extension Question {
    public func isCorrect(_ answer: SubmittedAnswer?) -> Bool {
        guard var answer else { return false }
        // A choice id sent as plain text (JSON has no separate type for it).
        if case .text(let id) = answer, case .single = self.answer { answer = .choice(id) }
        if case .text(let id) = answer, case .trueFalse = self.answer { answer = .choice(id) }
        switch (self.answer, answer) {
        case (.single(let choices), .choice(let id)):
            return choices.first { $0.isCorrect }?.id == id
        case (.trueFalse(let value), .choice(let id)):
            return id == (value ? "true" : "false")
        case (.multiple(let choices), .choices(let ids)):
            return Set(ids) == Set(choices.filter(\.isCorrect).map(\.id)) && Set(ids).count == ids.count
        case (.short(let accepted, let caseSensitive), .text(let text)):
            let given = Self.normalized(text, caseSensitive: caseSensitive)
            return accepted.contains { Self.normalized($0, caseSensitive: caseSensitive) == given }
        case (.numeric(let value, let tolerance), .number(let number)):
            return abs(number - value) <= tolerance + 1e-9
        case (.numeric(let value, let tolerance), .text(let text)):
            guard let number = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else { return false }
            return abs(number - value) <= tolerance + 1e-9
        default:
            return false
        }
    }

    static func normalized(_ text: String, caseSensitive: Bool) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return caseSensitive ? collapsed : collapsed.lowercased()
    }
}

extension Quiz {
    /// Points earned and the score in percent (one decimal) for a set of answers by question id.
    public func grade(_ answers: [String: SubmittedAnswer]) -> (earned: Double, score: Double, correct: Set<String>) {
        var earned = 0.0
        var correct: Set<String> = []
        for question in questions where question.isCorrect(answers[question.id]) {
            earned += question.points
            correct.insert(question.id)
        }
        let score = totalPoints > 0 ? (earned / totalPoints * 1000).rounded() / 10 : 0
        return (earned, score, correct)
    }
}
