import Foundation

/// The rules a class's name and a course reference follow, shared by the API, `lectern classes` and the roster import.
public enum Classes {
    /// A class name: 1 to 100 characters, no control characters (it is shown on pages and printed cards).
    public static func checkName(_ name: String) throws(RuleViolation) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.unicodeScalars.count <= 100,
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RuleViolation("a class name is 1 to 100 characters, without control characters", field: "name")
        }
    }

    /// Whether text could be a course's slug (what `course.yaml` allows: lowercase letters, digits, single hyphens).
    public static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && text.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
            && !text.hasPrefix("-") && !text.hasSuffix("-") && !text.contains("--")
    }
}
