import Markdown
import YAML

extension Loader {
    static let lessonKeys = ["id", "title", "duration_minutes", "type", "video", "audio", "summary", "objectives", "draft"]

    /// Loads one Markdown lesson: front matter, title, headings, and the links and images to check.
    static func loadLesson(_ path: String, moduleID: String, moduleIsDraft: Bool, tree: CourseTree) -> ItemLoad {
        let log = DiagnosticLog()
        var references: [PendingReference] = []
        let start = SourceLocation(path: path)
        var load = ItemLoad(item: nil, path: path, isDraft: moduleIsDraft, idLocation: start, anchors: [], diagnostics: [], references: [])
        let text: String
        do {
            text = try tree.read(path)
        } catch {
            log.error(error.message, at: start)
            load.diagnostics = log.diagnostics
            return load
        }

        let parts: FrontMatter
        do {
            parts = try FrontMatter.split(text)
        } catch {
            log.error("front matter starts with '---' but is never closed", at: start,
                      hint: "end it with a line holding only '---', or remove the first line")
            parts = FrontMatter(yaml: nil, body: text, bodyStartLine: 1)
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = String(fileName.dropLast(".md".count))
        var lesson = Lesson(id: moduleID + "." + derivedItemName(stem), title: "", path: path, durationMinutes: nil, kind: .text,
                            media: nil, summary: nil, objectives: [], isDraft: moduleIsDraft, body: parts.body,
                            bodyStartLine: parts.bodyStartLine, headings: [])
        var frontTitle: String?
        if let yaml = parts.yaml, let fields = frontMatterFields(yaml, path: path, log: log) {
            if let (id, location) = fields.identifier() {
                lesson.id = id
                load.idLocation = location
            }
            frontTitle = fields.string("title", required: fields.has("title"))
            lesson.durationMinutes = fields.int("duration_minutes", in: 1...10_000)
            lesson.kind = fields.oneOf("type", Lesson.Kind.self) ?? .text
            lesson.summary = fields.string("summary")
            lesson.objectives = fields.strings("objectives")
            lesson.isDraft = moduleIsDraft || (fields.bool("draft") ?? false)
            lesson.media = readLessonMedia(fields, kind: lesson.kind, folder: CoursePath.folder(of: path),
                                           isDraft: lesson.isDraft, references: &references)
        }

        let outline = MarkdownDocument(parts.body).outline
        let lineShift = parts.bodyStartLine - 1
        lesson.headings = outline.headings.map { heading in
            var shifted = heading
            shifted.line += lineShift
            return shifted
        }
        if let title = frontTitle ?? outline.title {
            lesson.title = title
        } else {
            lesson.title = Identifier.humanized(stem)
            log.warning("lesson has no title", at: start,
                        hint: "add 'title: …' to its front matter or start the text with a '# Heading'")
        }
        for reference in outline.references {
            let location = SourceLocation(path: path, line: reference.line + lineShift, column: reference.column)
            references.append(PendingReference(kind: reference.kind == .image ? .image : .link, destination: reference.destination,
                                               text: reference.text, location: location, base: CoursePath.folder(of: path),
                                               source: path, isDraft: lesson.isDraft))
        }
        load.item = .lesson(lesson)
        load.isDraft = lesson.isDraft
        load.anchors = lesson.headings.map(\.anchor)
        load.diagnostics = log.diagnostics
        load.references = references
        return load
    }

    /// Parses front matter YAML, shifting positions by the opening `---` line.
    static func frontMatterFields(_ yaml: String, path: String, log: DiagnosticLog) -> MappingReader? {
        do {
            guard let root = try YAMLParser.parse(yaml) else { return nil }
            return MappingReader(root, path: path, lineOffset: 1, log: log, what: "the front matter", keys: lessonKeys)
        } catch {
            log.error("malformed front matter: \(error.message(lineOffset: 1))",
                      at: SourceLocation(path: path, line: error.mark.line + 1, column: error.mark.column),
                      hint: yamlHint(for: error))
            return nil
        }
    }

    /// The video or audio of a media lesson: a course file or a URL, required by its type.
    static func readLessonMedia(_ fields: MappingReader, kind: Lesson.Kind, folder: String, isDraft: Bool,
                                references: inout [PendingReference]) -> MediaSource? {
        for key in ["video", "audio"] where fields.has(key) && key != kind.rawValue {
            fields.log.warning("'\(key)' is ignored in a lesson of type '\(kind.rawValue)'",
                               at: fields.location(fields.value(key) ?? fields.node), hint: "set 'type: \(key)'")
        }
        guard kind != .text else { return nil }
        let key = kind.rawValue
        guard let written = fields.string(key) else {
            fields.log.error("a lesson of type '\(key)' needs '\(key): <file or URL>'", at: fields.location)
            return nil
        }
        if CoursePath.isExternal(written) { return .url(written) }
        return mediaField(key, in: fields, base: folder, isDraft: isDraft, references: &references).map(MediaSource.file)
    }

    /// The id part of a lesson or quiz file name: `02-for-loops` → `for-loops`.
    static func derivedItemName(_ stem: String) -> String {
        let rest = Identifier.splitPrefix(stem).rest
        return Identifier.derived(fromText: rest.isEmpty ? stem : rest, maxLength: 64, hashPrefix: "item")
    }
}
