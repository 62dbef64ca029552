// The shared grading and progress cases (Tests/SharedCases/*.json), read the same way by the Swift
// tests and by the browser tests that hand them to the theme's scripts.
import Foundation

public enum SharedCases {
    /// A file of Tests/SharedCases as parsed JSON.
    public static func load(_ name: String) throws -> [String: Any] {
        let url = repositoryRoot.appendingPathComponent("Tests/SharedCases/\(name).json")
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return object
    }

    /// The file's text, to pass to a page as it is.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/SharedCases/\(name).json"), encoding: .utf8)
    }

    /// A course holding the grading cases' quiz (JSON is YAML), for the loader and the site builder.
    public static func gradingCourse() throws -> TemporaryCourse {
        let quiz = try JSONSerialization.data(withJSONObject: load("grading")["quiz"] ?? [:], options: [.sortedKeys])
        return try TemporaryCourse([
            "course.yaml": "title: Grading cases\nslug: grading-cases\n",
            "01-cases/01-cases.quiz.yaml": String(decoding: quiz, as: UTF8.self),
        ])
    }
}
