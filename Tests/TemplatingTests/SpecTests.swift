// Runs every case of the official Mustache spec (Fixtures/spec, copied unmodified from mustache/spec).

import Foundation
import Templating
import Testing

/// One test case of a spec file: a template, its data and partials, and the exact expected output.
struct SpecCase: Decodable, Sendable, CustomTestStringConvertible {
    var file = ""
    let name: String
    let desc: String
    let data: TemplateValue
    let template: String
    let partials: [String: String]?
    let expected: String

    var testDescription: String { "\(file): \(name)" }

    private enum CodingKeys: String, CodingKey {
        case name, desc, data, template, partials, expected
    }
}

enum Spec {
    /// Next to this file, so the tests run offline and from any working directory.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/spec")

    /// Every `*.json` file of the spec directory, in name order.
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func cases() throws -> [SpecCase] {
        struct File: Decodable { var tests: [SpecCase] }
        return try files().flatMap { url in
            try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).tests.map { spec in
                var spec = spec
                spec.file = url.deletingPathExtension().lastPathComponent
                return spec
            }
        }
    }
}

@Test(arguments: try Spec.cases())
func specCase(_ spec: SpecCase) throws {
    let library = try TemplateLibrary(sources: spec.partials ?? [:])
    let template = try Template(spec.template)
    let output = template.render(spec.data, library: library)
    #expect(output == spec.expected, "\(spec.desc)")
}

@Test func everySpecFileIsPresent() throws {
    let names = try Spec.files().map { $0.lastPathComponent }
    #expect(names == [
        "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
        "partials.json", "sections.json", "~dynamic-names.json", "~inheritance.json",
    ])
    #expect(try Spec.cases().count == 184)
}
