import CourseModel
import Foundation
import Templating
import Utilities

extension CourseRenderer {
    /// Renders an assignment page (facts, instructions, the kiosk note) and its search entry.
    func renderAssignment(_ assignment: Assignment, index: Int, module: Module, courseValue: [String: TemplateValue],
                          fingerprint: Int) -> (Data, SearchIndex.Entry, PageFeatures) {
        let page = paths.items[assignment.id]!
        // The instructions are Markdown like a lesson body: render them (and cache them) the same way.
        let rendered = renderedBody(assignment.instructionsAsLesson, page: page, module: module)
        var value = neighbours(index: index, module: module)
        value["id"] = .string(assignment.id)
        value["title"] = .string(assignment.title)
        value["html"] = .string(removingLeadingTitle(rendered.html, title: assignment.title))
        value["points"] = .string(assignment.points.plainText)
        if let due = assignment.due {
            value["due"] = .object([
                "iso": .string(due.text), "text": .string(due.text.replacingOccurrences(of: "T", with: " ")),
                "zone": course.timeZone.map(TemplateValue.string) ?? .null,
            ])
        }
        value["acceptsTextOnly"] = .bool(assignment.submission == .text)
        value["acceptsFileOnly"] = .bool(assignment.submission == .file)
        value["acceptsBoth"] = .bool(assignment.submission == .both)
        value["acceptsFiles"] = .bool(assignment.submission.acceptsFiles)
        value["fileTypes"] = .string(assignment.fileTypes.joined(separator: ", "))
        value["maxFileMB"] = .int(assignment.maxFileMB)
        value["refusesLate"] = .bool(assignment.late == .refuse)
        let features = PageFeatures([(rendered.hasCode, rendered.hasMath)])
        var context = itemContext(.assignment(assignment), index: index, module: module, kind: "assignment", features: features,
                                  courseValue: courseValue)
        context["assignment"] = .object(value)
        let entry = SearchIndex.Entry(title: assignment.title, href: page, moduleTitle: module.title, summary: "",
                                      weights: rendered.searchWeights, passages: rendered.passages)
        return (render("assignment", context, page: page, courseFingerprint: fingerprint), entry, features)
    }
}
