import CourseModel
import Foundation
import Markdown
import Templating

extension CourseRenderer {
    /// Renders a lesson page and its search entry.
    func renderLesson(_ lesson: Lesson, index: Int, module: Module, courseValue: [String: TemplateValue],
                      fingerprint: Int) -> (Data, SearchIndex.Entry) {
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
        value["isAudio"] = .bool(lesson.kind == .audio)
        switch lesson.media {
        case .file(let path): value["media"] = .object(["src": .string(SitePaths.href(from: page, to: SitePaths.media(path))), "isRemote": false])
        case .url(let url): value["media"] = .object(["src": .string(url), "isRemote": true])
        case nil: break
        }
        var context = itemContext(.lesson(lesson), index: index, module: module, kind: "lesson", courseValue: courseValue)
        context["lesson"] = .object(value)
        let entry = SearchIndex.Entry(title: lesson.title, href: page, moduleTitle: module.title, summary: lesson.summary ?? "",
                                      weights: rendered.searchWeights)
        return (render("lesson", context, page: page, courseFingerprint: fingerprint), entry)
    }

    /// The lesson body as HTML with its table of contents and search weights, from the cache when unchanged.
    func renderedBody(_ lesson: Lesson, page: String, module: Module) -> RenderCache.Lesson {
        let key = RenderCache.Key(course: course.id, body: lesson.body, title: lesson.title, summary: lesson.summary,
                                  links: linkFingerprint)
        if let cached = options.cache?.lesson(lesson.path, key: key) { return cached }
        let document = MarkdownDocument(lesson.body)
        let rendered = document.renderHTML { reference in
            rewrite(reference.destination, writtenIn: lesson.path, shownAt: page)
        }
        let weights = SearchIndex.weights(title: lesson.title, headings: lesson.headings.map(\.text),
                                          summary: lesson.summary ?? "", body: document.plainText)
        let result = RenderCache.Lesson(html: rendered.html, tableOfContents: rendered.tableOfContents, searchWeights: weights)
        options.cache?.store(result, path: lesson.path, key: key)
        return result
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
        guard html.hasPrefix("<h1"), let end = html.range(of: "</h1>\n") else { return html }
        let heading = html[..<end.lowerBound]
        guard let close = heading.firstIndex(of: ">"), heading[heading.index(after: close)...] == escapeHTML(title)[...] else { return html }
        return String(html[end.upperBound...])
    }
}

/// The text cmark writes for a heading: `&`, `<`, `>`, `"` escaped.
func escapeHTML(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}
