import Markdown
import YAML

extension Loader {
    static let assignmentSuffix = ".assignment.md"

    static let assignmentKeys = ["id", "title", "points", "due", "submission", "late", "file_types", "max_file_mb",
                                 "counts_for_completion", "draft"]

    /// Loads one `NN-name.assignment.md`: its settings from the front matter, its instructions from the body.
    static func loadAssignment(_ path: String, moduleID: String, moduleIsDraft: Bool, tree: CourseTree) -> ItemLoad {
        let log = DiagnosticLog()
        let start = SourceLocation(path: path)
        let load = ItemLoad(item: nil, path: path, isDraft: moduleIsDraft, idLocation: start, anchors: [], diagnostics: [], references: [])
        guard let parts = readFrontMatter(path, tree: tree, log: log) else {
            load.diagnostics = log.diagnostics
            return load
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = String(fileName.dropLast(assignmentSuffix.count))
        var assignment = Assignment(id: moduleID + "." + derivedItemName(stem), title: "", path: path, points: 0, due: nil,
                                    submission: .both, late: .accept, fileTypes: Assignment.knownFileTypes,
                                    maxFileMB: Assignment.defaultMaxFileMB, countsForCompletion: false, isDraft: moduleIsDraft,
                                    body: parts.body, bodyStartLine: parts.bodyStartLine, headings: [])
        var frontTitle: String?
        if let fields = assignmentFields(parts.yaml, path: path, log: log) {
            if let (id, location) = fields.identifier() {
                assignment.id = id
                load.idLocation = location
            }
            frontTitle = fields.string("title", required: fields.has("title"))
            if !fields.has("points") { fields.reportMissing("points") }
            assignment.points = fields.number("points", in: 0...100_000) ?? 0
            if let node = fields.value("points"), node.double == 0 {
                log.error("'points' must be more than 0", at: fields.location(node), hint: "write what a perfect grade is worth, e.g. 'points: 10'")
            }
            assignment.due = readDueDate(fields)
            assignment.submission = fields.oneOf("submission", Assignment.SubmissionKind.self) ?? .both
            assignment.late = fields.oneOf("late", Assignment.LatePolicy.self) ?? .accept
            if let late = fields.value("late"), assignment.due == nil, fields.value("due") == nil {
                log.warning("'late' has no effect without a 'due' date", at: fields.location(late))
            }
            assignment.fileTypes = readFileTypes(fields) ?? assignment.fileTypes
            assignment.maxFileMB = fields.int("max_file_mb", in: 1...1024) ?? assignment.maxFileMB
            if assignment.submission == .text {
                for key in ["file_types", "max_file_mb"] where fields.has(key) {
                    log.warning("'\(key)' is ignored when 'submission' is 'text'", at: fields.location(fields.value(key) ?? fields.node),
                                hint: "write 'submission: file' or 'submission: both' to accept files")
                }
            }
            assignment.countsForCompletion = fields.bool("counts_for_completion") ?? false
            assignment.isDraft = moduleIsDraft || (fields.bool("draft") ?? false)
        }
        if parts.yaml?.trimmingWhitespace.isEmpty ?? true {
            log.error("an assignment needs front matter with at least 'points'", at: start,
                      hint: "start the file with three lines: '---', 'points: 10', '---'")
        }

        let lineShift = parts.bodyStartLine - 1
        let outline = parts.body.utf8.count > maximumLessonBytes ? MarkdownOutline.empty : MarkdownDocument(parts.body).outline
        if parts.body.utf8.count > maximumLessonBytes {
            log.error("the instructions are \(parts.body.utf8.count) bytes, over the limit of \(maximumLessonBytes) (1 MB)",
                      at: SourceLocation(path: path, line: parts.bodyStartLine, column: 1), hint: "link to a file instead")
        }
        assignment.headings = checkedHeadings(outline, path: path, lineShift: lineShift, log: log)
        if let title = frontTitle ?? outline.title {
            assignment.title = title
        } else {
            assignment.title = Identifier.humanized(stem)
            log.warning("assignment has no title", at: start, hint: "add 'title: …' to its front matter or start the text with a '# Heading'")
        }
        load.references = outline.references.map { reference in
            PendingReference(kind: reference.kind == .image ? .image : .link, destination: reference.destination, text: reference.text,
                             location: SourceLocation(path: path, line: reference.line + lineShift, column: reference.column),
                             base: CoursePath.folder(of: path), source: path, isDraft: assignment.isDraft)
        }
        load.item = .assignment(assignment)
        load.isDraft = assignment.isDraft
        load.anchors = assignment.headings.map(\.anchor)
        load.diagnostics = log.diagnostics
        return load
    }

    private static func assignmentFields(_ yaml: String?, path: String, log: DiagnosticLog) -> MappingReader? {
        guard let yaml else { return nil }
        do {
            guard let root = try YAMLParser.parse(yaml) else { return nil }
            return MappingReader(root, path: path, lineOffset: 1, log: log, what: "the front matter", keys: assignmentKeys)
        } catch {
            let mistake = YAMLMistake(error, in: yaml, what: "front matter", lineOffset: 1)
            log.error(mistake.message, at: SourceLocation(path: path, line: mistake.line + 1, column: mistake.column), hint: mistake.hint)
            return nil
        }
    }

    /// `due`: a day or a day and time, without a zone (the course's `timezone` applies).
    private static func readDueDate(_ fields: MappingReader) -> DueDate? {
        guard let node = fields.value("due") else { return nil }
        guard let text = node.scalar, let due = DueDate.parse(text) else {
            fields.log.error("'due' must be a date (2026-03-14) or a date and time (2026-03-14 17:00), found \(node.scalar.map { "'\($0)'" } ?? node.kindDescription)",
                             at: fields.location(node), hint: "the time is in the course's time zone ('timezone' in course.yaml); write no zone")
            return nil
        }
        return due
    }

    /// `file_types`: extensions the kiosk recognises by content; a leading dot and capitals are forgiven.
    private static func readFileTypes(_ fields: MappingReader) -> [String]? {
        guard let items = fields.list("file_types") else { return nil }
        var types: [String] = []
        for item in items {
            guard let text = item.string else {
                fields.log.error("items of 'file_types' must be text, found \(item.kindDescription)", at: fields.location(item))
                continue
            }
            var type = text.lowercased()
            if type.hasPrefix(".") { type.removeFirst() }
            guard Assignment.knownFileTypes.contains(type) else {
                let suggestion = DidYouMean.suggestion(for: type, in: Assignment.knownFileTypes).map { " (did you mean '\($0)'?)" } ?? ""
                fields.log.error("file type '\(text)' is not one the kiosk can check\(suggestion)", at: fields.location(item),
                                 hint: "known types: " + Assignment.knownFileTypes.joined(separator: ", "))
                continue
            }
            if !types.contains(type) { types.append(type) }
        }
        if types.isEmpty && !items.isEmpty { return nil }
        if items.isEmpty {
            fields.log.error("'file_types' is empty", at: fields.location(fields.value("file_types") ?? fields.node),
                             hint: "list at least one type, or leave the key out to accept every known type")
            return nil
        }
        return types
    }
}
