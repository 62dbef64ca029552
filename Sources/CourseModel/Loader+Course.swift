import Foundation
import YAML
import Markdown

extension Loader {
    static let courseKeys = [
        "id", "title", "slug", "code", "description", "short_description", "level", "category", "tags", "language",
        "theme", "instructors", "learning_outcomes", "prerequisites", "thumbnail", "estimated_duration_minutes",
        "license", "version", "completion", "certificate", "faqs", "resources", "draft", "visibility",
        "discussion",
        "timezone",
    ]

    /// Reads `course.yaml`. A missing or broken file is reported and the course still loads with
    /// defaults, so problems in lessons are found in the same run.
    static func readCourseFile(_ tree: CourseTree, folderName: String, log: DiagnosticLog,
                               references: inout [PendingReference]) -> Course {
        let path = "course.yaml"
        let fallbackSlug = Slug.make(folderName).isEmpty ? "course" : Slug.make(folderName)
        var course = Course(id: fallbackSlug, slug: fallbackSlug, title: Identifier.humanized(folderName), tags: [],
                            language: "en", instructors: [], learningOutcomes: [], prerequisites: [],
                            completion: CompletionRule(), faqs: [], resources: [], modules: [], mediaFiles: [])
        guard tree.files.contains(path) else {
            log.error("the course folder has no course.yaml", at: SourceLocation(path: path),
                      hint: "create one with at least 'title: …', or run 'lectern new' to see a working course")
            return course
        }
        guard let root = parseYAML(path, tree: tree, log: log) else { return course }
        guard let fields = MappingReader(root, path: path, log: log, what: "course.yaml", keys: courseKeys) else { return course }

        course.title = fields.string("title", required: true) ?? course.title
        if let slugNode = fields.value("slug"), let slug = fields.string("slug") {
            if Slug.make(slug) == slug {
                course.slug = slug
            } else {
                log.error("slug '\(slug)' may only hold lowercase letters, digits and single hyphens", at: fields.location(slugNode),
                          hint: Slug.make(slug).isEmpty ? nil : "use '\(Slug.make(slug))'")
            }
        }
        course.id = fields.identifier()?.id ?? course.slug
        course.code = fields.string("code")
        course.description = fields.markdown("description")
        course.shortDescription = fields.string("short_description")
        if let text = course.shortDescription, text.count > 200, let node = fields.value("short_description") {
            log.warning("short_description is \(text.count) characters long; catalogs show about 200", at: fields.location(node))
        }
        course.level = fields.oneOf("level", Course.Level.self)
        course.category = fields.string("category")
        course.tags = fields.strings("tags")
        if let languageNode = fields.value("language"), let language = fields.string("language") {
            if isLanguageTag(language) {
                course.language = language
            } else {
                log.error("language '\(language)' is not a BCP 47 language tag", at: fields.location(languageNode),
                          hint: "write a tag such as 'en', 'es', 'pt-BR' or 'ar'")
            }
        }
        if let themeNode = fields.value("theme"), let theme = fields.string("theme") {
            // A path here would make build read (and publish) any folder of the machine, e.g. '/etc'.
            if theme.contains("/") || theme.contains("\\") || theme.hasPrefix(".") {
                log.error("theme '\(theme)' is not a theme name", at: fields.location(themeNode),
                          hint: "write 'theme: default' or 'theme: kiosk'; put the course's own templates, assets and strings in its theme/ folder")
            } else {
                course.theme = theme
            }
        }
        course.learningOutcomes = fields.strings("learning_outcomes")
        course.prerequisites = fields.strings("prerequisites")
        course.thumbnail = mediaField("thumbnail", in: fields, base: "", references: &references)
        course.estimatedDurationMinutes = fields.int("estimated_duration_minutes", in: 1...100_000)
        course.license = fields.string("license")
        course.version = fields.string("version")
        course.instructors = readInstructors(fields, references: &references)
        course.completion = readCompletion(fields)
        course.certificate = readCertificate(fields, masteryScore: course.completion.masteryScore)
        course.faqs = readFAQs(fields)
        course.resources = readResources(fields, references: &references)
        course.isDraft = fields.bool("draft") ?? false
        course.visibility = fields.oneOf("visibility", Course.Visibility.self) ?? .everyone
        course.discussion = fields.oneOf("discussion", Course.Discussion.self) ?? .off
        if let zoneNode = fields.value("timezone"), let zone = fields.string("timezone") {
            if TimeZone(identifier: zone) != nil {
                course.timeZone = zone
            } else {
                log.error("timezone '\(zone)' is not a time zone name", at: fields.location(zoneNode),
                          hint: "write an IANA name such as 'Europe/Madrid', 'America/Bogota' or 'UTC'")
            }
        }
        return course
    }

    static func readInstructors(_ fields: MappingReader, references: inout [PendingReference]) -> [Instructor] {
        (fields.list("instructors") ?? []).compactMap { node in
            guard let person = MappingReader(node, path: fields.path, log: fields.log, what: "an instructor",
                                             keys: ["name", "email", "bio", "avatar"]) else { return nil }
            let name = person.string("name", required: true)
            let email = person.string("email")
            if let email, let emailNode = person.value("email"), !isPlausibleEmail(email) {
                fields.log.warning("email '\(email)' does not look like an email address", at: person.location(emailNode),
                                   hint: "the server matches instructors to accounts by this address")
            }
            let avatar = mediaField("avatar", in: person, base: "", references: &references)
            return name.map { Instructor(name: $0, email: email, bio: person.markdown("bio"), avatar: avatar) }
        }
    }

    static func readCompletion(_ fields: MappingReader) -> CompletionRule {
        var rule = CompletionRule()
        guard let completion = fields.mapping("completion", what: "completion", keys: ["require", "mastery_score", "video_percent"]) else { return rule }
        rule.require = completion.oneOf("require", CompletionRule.Requirement.self) ?? rule.require
        rule.masteryScore = completion.number("mastery_score", in: 0...100) ?? rule.masteryScore
        rule.videoPercent = completion.number("video_percent", in: 0...100) ?? rule.videoPercent
        return rule
    }

    static func readCertificate(_ fields: MappingReader, masteryScore: Double) -> CertificateRule? {
        guard let certificate = fields.mapping("certificate", what: "certificate",
                                               keys: ["min_score", "require_all_lessons"] + CertificateRule.limits.map(\.key)) else {
            return nil
        }
        var printed: [String: String] = [:]
        for (key, limit) in CertificateRule.limits {
            guard let text = certificate.string(key), let node = certificate.value(key) else { continue }
            let trimmed = text.trimmingWhitespace
            if trimmed.isEmpty {
                fields.log.error("certificate '\(key)' is empty", at: certificate.location(node), hint: "write the text to print, or leave the key out")
            } else if trimmed.contains("\n") {
                fields.log.error("certificate '\(key)' must be one line", at: certificate.location(node),
                                 hint: "write it on one line; the certificate wraps long text itself")
            } else if trimmed.count > limit {
                fields.log.error("certificate '\(key)' is \(trimmed.count) characters long; at most \(limit) fit on the page",
                                 at: certificate.location(node), hint: "shorten it")
            } else {
                printed[key] = trimmed
            }
        }
        return CertificateRule(minScore: certificate.number("min_score", in: 0...100) ?? masteryScore,
                               requireAllLessons: certificate.bool("require_all_lessons") ?? true,
                               title: printed["title"], text: printed["text"], signatory: printed["signatory"])
    }

    static func readFAQs(_ fields: MappingReader) -> [FAQ] {
        (fields.list("faqs") ?? []).compactMap { node in
            guard let faq = MappingReader(node, path: fields.path, log: fields.log, what: "a FAQ", keys: ["question", "answer"]),
                  let question = faq.string("question", required: true),
                  let answer = faq.markdown("answer", required: true) else { return nil }
            return FAQ(question: question, answer: answer)
        }
    }

    static func readResources(_ fields: MappingReader, references: inout [PendingReference]) -> [Resource] {
        (fields.list("resources") ?? []).compactMap { node in
            guard let resource = MappingReader(node, path: fields.path, log: fields.log, what: "a resource",
                                               keys: ["title", "file", "url", "description"]) else { return nil }
            let title = resource.string("title", required: true)
            let target: Resource.Target?
            switch (resource.value("file"), resource.value("url")) {
            case (.some, .some):
                fields.log.error("a resource has both 'file' and 'url'", at: resource.location, hint: "keep one of them")
                target = nil
            case (.some, nil):
                target = mediaField("file", in: resource, base: "", references: &references).map(Resource.Target.file)
            case (nil, .some(let urlNode)):
                let url = resource.string("url")
                if let url, !CoursePath.isExternal(url) {
                    fields.log.error("resource url '\(url)' is not a web address", at: resource.location(urlNode),
                                     hint: "use 'file:' for a file in the course folder")
                }
                target = url.map(Resource.Target.url)
            case (nil, nil):
                fields.log.error("a resource needs 'file' or 'url'", at: resource.location)
                target = nil
            }
            guard let title, let target else { return nil }
            return Resource(title: title, description: resource.markdown("description"), target: target)
        }
    }

    /// Reads a field naming a file of the course and queues it for the existence check.
    /// - Returns: the course-relative path, or nil when the path is unusable.
    static func mediaField(_ key: String, in fields: MappingReader, base: String, source: String? = nil,
                           isDraft: Bool = false, references: inout [PendingReference]) -> String? {
        guard let node = fields.value(key), let written = fields.string(key) else { return nil }
        references.append(PendingReference(kind: .file(field: key), destination: written, text: "",
                                           location: fields.location(node), base: base, source: source ?? fields.path,
                                           isDraft: isDraft))
        if case .inside(let path) = CoursePath.resolve(written, from: base) { return path }
        return nil
    }

    /// Parses a YAML file of the course, reporting a syntax error at libyaml's position.
    static func parseYAML(_ path: String, tree: CourseTree, log: DiagnosticLog) -> YAMLNode? {
        guard let text = readText(path, tree: tree, log: log) else { return nil }
        do {
            guard let root = try YAMLParser.parse(text) else {
                log.error("the file is empty", at: SourceLocation(path: path))
                return nil
            }
            return root
        } catch {
            let mistake = YAMLMistake(error, in: text)
            log.error(mistake.message, at: SourceLocation(path: path, line: mistake.line, column: mistake.column), hint: mistake.hint)
            return nil
        }
    }

    /// Warns when the theme has no UI strings in the course's language (pages then speak English).
    static func checkUILanguage(_ language: String, known: Set<String>, tree: CourseTree, log: DiagnosticLog) {
        let primary = String(language.split(separator: "-").first ?? "").lowercased()
        let own = tree.files.contains("theme/strings/\(language).json") || tree.files.contains("theme/strings/\(primary).json")
        guard !known.contains(language), !known.contains(primary), !own else { return }
        log.warning("the theme has no UI strings in '\(language)', so navigation, quiz buttons and messages will be in English",
                    at: SourceLocation(path: "course.yaml"),
                    hint: "add theme/strings/\(primary).json to the course with the keys of the English table")
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(" ")
    }
}
