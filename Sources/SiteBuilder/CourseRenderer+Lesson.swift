import CourseModel
import Foundation
import Markdown
import Templating
import Utilities

extension CourseRenderer {
    /// Renders a lesson page and its search entry.
    func renderLesson(_ lesson: Lesson, index: Int, module: Module, courseValue: [String: TemplateValue],
                      fingerprint: Int) -> (Data, SearchIndex.Entry, PageFeatures) {
        let page = paths.items[lesson.id]!
        let rendered = renderedBody(lesson, page: page, module: module)
        var value = neighbours(index: index, module: module)
        value["id"] = .string(lesson.id)
        value["title"] = .string(lesson.title)
        value["html"] = .string(removingLeadingTitle(rendered.html, title: lesson.title))
        value["toc"] = .array(rendered.tableOfContents.map {
            .object(["anchor": .string($0.anchor), "text": .string($0.text), "level": .int($0.level), "isLevel3": .bool($0.level == 3)])
        })
        value["hasToc"] = .bool(rendered.tableOfContents.count >= 2)
        value.set("durationMinutes", lesson.durationMinutes)
        value.set("summary", lesson.summary)
        value["objectives"] = .strings(lesson.objectives)
        value["hasObjectives"] = .bool(!lesson.objectives.isEmpty)
        value["isVideo"] = .bool(lesson.kind == .video)
        // The share of the video to play before the lesson counts as viewed (progress.js reads it).
        value["videoPercent"] = .string(course.completion.videoPercent.plainText)
        value["isAudio"] = .bool(lesson.kind == .audio)
        value["isText"] = .bool(lesson.kind != .video && lesson.kind != .audio)
        value.set("media", mediaValue(lesson, page: page))
        let features = PageFeatures([(rendered.hasCode, rendered.hasMath)])
        var context = itemContext(.lesson(lesson), index: index, module: module, kind: "lesson", features: features,
                                  courseValue: courseValue)
        context["lesson"] = .object(value)
        let entry = SearchIndex.Entry(title: lesson.title, href: page, moduleTitle: module.title, summary: lesson.summary ?? "",
                                      weights: rendered.searchWeights, passages: rendered.passages)
        return (render("lesson", context, page: page, courseFingerprint: fingerprint), entry, features)
    }

    /// The lesson body as HTML with its table of contents and search weights, from the cache when unchanged.
    func renderedBody(_ lesson: Lesson, page: String, module: Module) -> RenderCache.Lesson {
        let key = RenderCache.Key(course: course.id, body: lesson.body, title: lesson.title, summary: lesson.summary,
                                  links: linkFingerprint)
        if let cached = options.cache?.lesson(lesson.path, key: key) { return cached }
        let document = MarkdownDocument(lesson.body)
        // Text first: rendering replaces code blocks and callouts with their final markup.
        let passages = document.sections
        let plainText = passages.plainText
        let rendered = document.renderHTML(titles: calloutTitles) { reference in
            rewrite(reference.destination, writtenIn: lesson.path, shownAt: page)
        }
        let weights = SearchIndex.weights(title: lesson.title, headings: lesson.headings.map(\.text),
                                          summary: lesson.summary ?? "", body: plainText)
        let result = RenderCache.Lesson(html: rendered.html, tableOfContents: rendered.tableOfContents, searchWeights: weights,
                                        passages: passages, hasCode: rendered.hasCode, hasMath: rendered.hasMath)
        options.cache?.store(result, path: lesson.path, key: key)
        return result
    }

    /// The player of a video or audio lesson: source and type, poster, caption tracks (the course's
    /// language first and default) and a transcript from the default track.
    func mediaValue(_ lesson: Lesson, page: String) -> [String: TemplateValue]? {
        switch lesson.media {
        case .url(let url):
            return ["src": .string(url), "isRemote": true]
        case .file(let path):
            var value: [String: TemplateValue] = [
                "src": .string(SitePaths.href(from: page, to: SitePaths.media(path))), "isRemote": false,
                "type": .string(MediaTypes.type(of: path, kind: lesson.kind)),
            ]
            value.set("poster", lesson.poster.map { SitePaths.href(from: page, to: SitePaths.media($0)) })
            let primary = course.language.split(separator: "-").first.map(String.init) ?? course.language
            let tracks = lesson.captions.sorted { ($0.language.hasPrefix(primary) ? 0 : 1, $0.language) < ($1.language.hasPrefix(primary) ? 0 : 1, $1.language) }
            value["tracks"] = .array(tracks.enumerated().map { index, caption in
                // Browsers refuse <track> files on file:// pages; the captions inline as a data: URL work there too.
                let inline = (try? Data(contentsOf: folder.appendingPathComponent(caption.path))).map { "data:text/vtt;base64," + $0.base64EncodedString() }
                return .object([
                    "inlineSrc": inline.map(TemplateValue.string) ?? .null,
                    "src": .string(SitePaths.href(from: page, to: SitePaths.media(caption.path))),
                    "srclang": .string(caption.language), "label": .string(languageName(caption.language)),
                    "kind": .string(caption.language.hasPrefix(primary) ? "captions" : "subtitles"), "isDefault": .bool(index == 0),
                ])
            })
            if let first = tracks.first, let text = try? String(contentsOf: folder.appendingPathComponent(first.path), encoding: .utf8) {
                value.set("transcriptHTML", WebVTT.transcriptHTML(text))
            }
            return value
        case nil:
            return nil
        }
    }

    /// "es" → "español" in the course's language, falling back to the tag.
    func languageName(_ tag: String) -> String {
        Locale(identifier: course.language).localizedString(forIdentifier: tag) ?? tag
    }

    /// A link or media destination rewritten for the page, or nil to keep it.
    func rewrite(_ destination: String, writtenIn file: String, shownAt page: String) -> String? {
        switch course.linkTarget(for: destination, in: file) {
        case .item(let id, let anchor):
            guard let target = paths.items[id] else { return nil }
            return SitePaths.href(from: page, to: target) + (anchor.map { "#" + $0 } ?? "")
        case .file(let path, let fragment):
            return SitePaths.href(from: page, to: SitePaths.media(path)) + (fragment.map { "#" + $0 } ?? "")
        case .external, .anchor, .unresolved:
            return nil
        }
    }

    /// The page prints the title as its `<h1>`; a body that opens with the same heading would repeat it.
    func removingLeadingTitle(_ html: String, title: String) -> String {
        guard html.hasPrefix("<h1"), let offset = html.byteOffset(of: "</h1>\n") else { return html }
        let utf8 = html.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: offset)
        let heading = html[..<end]
        guard let close = heading.firstIndex(of: ">"), heading[heading.index(after: close)...] == escapeText(title)[...] else { return html }
        return String(html[utf8.index(end, offsetBy: 6)...])
    }
}
