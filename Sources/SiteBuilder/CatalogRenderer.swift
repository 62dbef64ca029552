import CourseModel
import Foundation
import Templating

/// The site root: `index.html` listing every course with filters, and a self-contained `404.html`.
struct CatalogRenderer {
    let courses: [Course]
    let theme: Theme
    let options: SiteOptions

    func build() -> BuiltSite {
        var site = BuiltSite()
        var assetPaths: [String: String] = [:]
        for (name, data) in theme.assets where !theme.packageOnlyAssets.contains(name) && !theme.scormOriginAssets.contains(name) {
            let path = "assets/" + CourseRenderer.hashedName(name, data: data)
            assetPaths[name] = path
            site.files[path] = .data(data)
        }
        // The catalog speaks the language of its courses when they share one.
        let languages = Set(courses.map(\.language))
        let language = languages.count == 1 ? languages.first! : "en"
        let strings = theme.strings(for: language)
        var context: [String: TemplateValue] = [
            "lang": .string(language), "dir": .string(strings.direction),
            "strings": strings.templateValue, "stringsJSON": .string(strings.json),
            "pageTitle": .string(strings["catalog.title"]), "generator": .string(SiteBuilder.generator),
            "root": "", "assets": assetsValue(prefix: "", theme: theme, stylesheets: theme.stylesheets, scripts: theme.scripts(for: "catalog"), paths: assetPaths),
            "body": .object(["page": "catalog"]),
            "courses": .array(courses.map { .object(courseCard($0, strings: strings)) }),
            "categories": .array(Set(courses.compactMap(\.category)).sorted().map { .object(["name": .string($0)]) }),
            "levels": .array(Course.Level.allCases.filter { level in courses.contains { $0.level == level } }.map {
                .object(["value": .string($0.rawValue), "label": .string(strings["level.\($0.rawValue)"])])
            }),
            "courseCount": .int(courses.count),
        ]
        if let base = options.baseURL { context["canonical"] = .string(base) }
        context.set("serverScriptsJSON", serverScriptsJSON(theme.serverScripts(for: "catalog"), prefix: "", paths: assetPaths))
        site.files["index.html"] = .data(Data((theme.templates.render("catalog", .object(context)) ?? "").utf8))

        // Pages that come alive with `lectern serve` (sign-in, the learner's courses, the dashboards, the
        // administration); on a static site they say they need the server.
        let serverPages = [("account", "account.html", "account.title"), ("my-courses", "my-courses.html", "myCourses.title"),
                           ("dashboard", "dashboard.html", "dashboard.title"), ("teaching", "teaching.html", "teaching.title"),
                           ("admin", "admin.html", "admin.title"), ("enrolled-only", "enrolled-only.html", "gate.title"),
                           ("notifications", "notifications.html", "inbox.title"),
                           ("scorm-player", "scorm-player.html", "scormPlayer.title")]
        for (template, page, title) in serverPages where theme.templates[template] != nil {
            var pageContext = context
            pageContext["pageTitle"] = .string(strings[title])
            pageContext["assets"] = assetsValue(prefix: "", theme: theme, stylesheets: theme.stylesheets, scripts: theme.scripts(for: template), paths: assetPaths)
            pageContext.set("serverScriptsJSON", serverScriptsJSON(theme.serverScripts(for: template), prefix: "", paths: assetPaths))
            pageContext["body"] = .object(["page": .string(template)])
            pageContext["catalogHref"] = "index.html"
            pageContext["breadcrumb"] = .array([crumb("index.html", strings["site.catalog"])])
            site.files[page] = .data(Data((theme.templates.render(template, .object(pageContext)) ?? "").utf8))
            site.report.pages += 1
        }

        var notFound = context
        notFound["pageTitle"] = .string(strings["notFound.title"])
        notFound["body"] = .object(["page": "notfound"])
        notFound["homeHref"] = .string(options.baseURL ?? "/")
        site.files["404.html"] = .data(Data((theme.templates.render("404", .object(notFound)) ?? "").utf8))
        if let base = options.baseURL { site.files["sitemap.xml"] = .data(Data(sitemap(base: base).utf8)) }
        site.report.pages += 2
        return site
    }

    private func courseCard(_ course: Course, strings: UIStrings) -> [String: TemplateValue] {
        var card: [String: TemplateValue] = [
            "slug": .string(course.slug), "title": .string(course.title), "tags": .strings(course.tags),
            "language": .string(course.language), "href": .string(SitePaths.escaped(course.slug) + "/index.html"),
            "lessonCount": .int(course.lessons.count), "quizCount": .int(course.quizzes.count),
            "durationLabel": .string(durationText(course.durationMinutes, strings: strings)),
        ]
        card.set("shortDescription", course.shortDescription)
        card.set("level", course.level?.rawValue)
        card.set("levelLabel", course.level.map { strings["level.\($0.rawValue)"] })
        card.set("category", course.category)
        card.set("thumbnail", course.thumbnail.map { SitePaths.escaped(course.slug + "/" + SitePaths.media($0)) })
        return card
    }

    private func sitemap(base: String) -> String {
        var urls = [base]
        for course in courses { urls.append(base + SitePaths.escaped(course.slug) + "/index.html") }
        let entries = urls.map { "  <url><loc>\($0.replacingOccurrences(of: "&", with: "&amp;"))</loc></url>" }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            + entries.joined(separator: "\n") + "\n</urlset>\n"
    }
}

/// "45 min", "2 h 30 min" with the strings of a language.
func durationText(_ minutes: Int, strings: UIStrings) -> String {
    let hours = minutes / 60, rest = minutes % 60
    if hours == 0 { return strings.format("duration.minutes", ["minutes": String(rest)]) }
    if rest == 0 { return strings.format("duration.hours", ["hours": String(hours)]) }
    return strings.format("duration.hoursMinutes", ["hours": String(hours), "minutes": String(rest)])
}
