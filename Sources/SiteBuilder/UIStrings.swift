import Foundation
import Templating

/// The UI strings of one language, for templates (nested: `{{strings.quiz.submit}}`) and for scripts (JSON).
public struct UIStrings: Sendable {
    /// Flat table: `quiz.submit` → `Submit`.
    public var table: [String: String]
    public var language: String
    /// False when the course language had no table of its own and English is used.
    public var hasTable: Bool

    public subscript(key: String) -> String { table[key] ?? key }

    /// The table nested on the dots of its keys, as Mustache reads dotted names as paths.
    var templateValue: TemplateValue {
        var root: [String: TemplateValue] = [:]
        for (key, text) in table {
            insert(text, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return .object(root)
    }

    private func insert(_ text: String, at path: ArraySlice<String>, into object: inout [String: TemplateValue]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = .string(text)
            return
        }
        var child: [String: TemplateValue] = [:]
        if case .object(let existing) = object[first] { child = existing }
        insert(text, at: path.dropFirst(), into: &child)
        object[first] = .object(child)
    }

    /// The flat table as JSON that is safe inside `<script type="application/json">`.
    var json: String { ScriptJSON.encode(table) }

    /// The strings course pages' scripts use: all but those of the dashboards and the administration page,
    /// which only pages at the site root show (they are a third of the table, repeated on every page).
    var courseJSON: String {
        ScriptJSON.encode(table.filter { key, _ in !Self.rootOnlyGroups.contains { key.hasPrefix($0) } })
    }

    static let rootOnlyGroups = ["admin.", "teaching.", "dashboard.", "gate.", "scormPlayer."]

    /// Scripts written right to left.
    var direction: String {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return ["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"].contains(primary) ? "rtl" : "ltr"
    }

    /// Replaces `{name}` placeholders.
    func format(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self[key]) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }
}

/// JSON for embedding in HTML: sorted keys for byte-identical builds, and `<` escaped so no `</script>`
/// or `<!--` in the data can end the script element.
enum ScriptJSON {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count)
        for byte in data {
            if byte == UInt8(ascii: "<") { bytes += Array("\\u003c".utf8) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
