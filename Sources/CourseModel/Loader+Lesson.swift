import Markdown
import YAML

extension Loader {
    /// The largest lesson body checked and rendered: ten times a long chapter.
    public static let maximumLessonBytes = 1024 * 1024

    static let lessonKeys = ["id", "title", "duration_minutes", "type", "video", "audio", "summary", "objectives", "draft"]

    /// Loads one Markdown lesson: front matter, title, headings, and the links and images to check.
    static func loadLesson(_ path: String, moduleID: String, moduleIsDraft: Bool, tree: CourseTree, offline: Bool = false) -> ItemLoad {
        let log = DiagnosticLog()
        var references: [PendingReference] = []
        let start = SourceLocation(path: path)
        let load = ItemLoad(item: nil, path: path, isDraft: moduleIsDraft, idLocation: start, anchors: [], diagnostics: [], references: [])
        guard let parts = readFrontMatter(path, tree: tree, log: log) else {
            load.diagnostics = log.diagnostics
            return load
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
                                           isDraft: lesson.isDraft, offline: offline, references: &references)
            if case .file(let media) = lesson.media {
                (lesson.captions, lesson.poster) = companions(of: media, tree: tree)
                for file in lesson.captions.map(\.path) + (lesson.poster.map { [$0] } ?? []) {
                    references.append(PendingReference(kind: .file(field: lesson.kind.rawValue), destination: file, text: "",
                                                       location: start, base: "", source: path, isDraft: lesson.isDraft))
                }
            }
        }

        let lineShift = parts.bodyStartLine - 1
        let outline: MarkdownOutline
        let oversized = parts.body.utf8.count > maximumLessonBytes
        if oversized {
            // Every pass is linear, but a lesson this large is a mistake (a pasted log or data file), and
            // building its page, outline and search entry would still hold up check, build and serve.
            log.error("the lesson text is \(parts.body.utf8.count) bytes, over the limit of \(maximumLessonBytes) (1 MB); it is not checked further",
                      at: SourceLocation(path: path, line: parts.bodyStartLine, column: 1),
                      hint: "split it into several lessons, or put large data in a file the lesson links to")
            outline = .empty
        } else {
            outline = MarkdownDocument(parts.body).outline
        }
        lesson.headings = checkedHeadings(outline, path: path, lineShift: lineShift, log: log)
        if let title = frontTitle ?? outline.title {
            lesson.title = title
        } else {
            lesson.title = Identifier.humanized(stem)
            if !oversized {
                log.warning("lesson has no title", at: start,
                            hint: "add 'title: …' to its front matter or start the text with a '# Heading'")
            }
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
            let mistake = YAMLMistake(error, in: yaml, what: "front matter", lineOffset: 1)
            log.error(mistake.message, at: SourceLocation(path: path, line: mistake.line + 1, column: mistake.column), hint: mistake.hint)
            return nil
        }
    }

    /// The video or audio of a media lesson: a course file or a URL, required by its type.
    static func readLessonMedia(_ fields: MappingReader, kind: Lesson.Kind, folder: String, isDraft: Bool, offline: Bool,
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
        if CoursePath.isExternal(written) {
            let location = fields.location(fields.value(key) ?? fields.node)
            let hint = "download the \(key) into the course folder so it plays without internet"
            if offline {
                fields.log.error("\(key) '\(written)' is on the web, which an offline kiosk cannot reach", at: location, hint: hint)
            } else {
                fields.log.warning("\(key) '\(written)' is on the web: learners without internet see a link instead of a player",
                                   at: location, hint: hint)
            }
            return .url(written)
        }
        return mediaField(key, in: fields, base: folder, isDraft: isDraft, references: &references).map(MediaSource.file)
    }

    /// The id part of a lesson or quiz file name: `02-for-loops` → `for-loops`.
    static func derivedItemName(_ stem: String) -> String {
        let rest = Identifier.splitPrefix(stem).rest
        return Identifier.derived(fromText: rest.isEmpty ? stem : rest, maxLength: 64, hashPrefix: "item")
    }
}

extension Loader {
    /// Caption tracks (`<name>.<lang>.vtt`) and a poster (`<name>.poster.<jpg|png|webp|svg>`) next to a media file.
    static func companions(of media: String, tree: CourseTree) -> (captions: [Caption], poster: String?) {
        guard let dot = media.lastIndex(of: "."), !media[dot...].contains("/") else { return ([], nil) }
        let base = String(media[..<dot]) + "."
        var captions: [Caption] = []
        var poster: String?
        for file in tree.files where file.hasPrefix(base) {
            let rest = file.dropFirst(base.count)
            if rest.hasSuffix(".vtt") {
                let language = String(rest.dropLast(".vtt".count))
                if isLanguageTag(language) { captions.append(Caption(path: file, language: language)) }
            } else if ["poster.jpg", "poster.jpeg", "poster.png", "poster.webp", "poster.svg"].contains(rest) {
                poster = file
            }
        }
        return (captions.sorted { $0.language < $1.language }, poster)
    }
}
