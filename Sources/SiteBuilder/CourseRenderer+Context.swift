import CourseModel
import Templating

extension CourseRenderer {
    /// What every course page shares: language, strings, assets, the course, and where the page is.
    /// - Parameter page: the page's path relative to the course folder.
    func baseContext(page: String, kind: String, title: String, item: Module.Item? = nil, features: PageFeatures = [],
                     courseValue: [String: TemplateValue]) -> [String: TemplateValue] {
        let courseRoot = SitePaths.prefix(from: page)
        var body: [String: TemplateValue] = [
            "page": .string(kind), "courseId": .string(course.id),
            "completion": .string(course.completion.require.rawValue), "mastery": .double(course.completion.masteryScore),
        ]
        // Served pages ask for the discussion only where the course has one.
        if course.discussion != .off { body["discussion"] = .string(course.discussion.rawValue) }
        if let item {
            body["itemId"] = .string(item.id)
            body["itemHref"] = .string(paths.items[item.id] ?? "")
        }
        let assets = features.assets(theme: theme, kind: kind)
        var context: [String: TemplateValue] = [
            "lang": .string(course.language), "dir": .string(strings.direction),
            "strings": stringsValue, "stringsScript": .string(courseRoot + assetPaths["strings.js"]!),
            "pageTitle": .string(title == course.title ? title : "\(title) · \(course.title)"),
            "generator": .string(SiteBuilder.generator),
            "root": .string(courseRoot + "../"), "courseRoot": .string(courseRoot),
            "assets": assetsValue(prefix: courseRoot, theme: theme, stylesheets: assets.stylesheets, scripts: assets.scripts, paths: assetPaths),
            "body": .object(body), "course": .object(courseValue),
        ]
        var breadcrumb: [TemplateValue] = []
        if options.standalone {
            context["standalone"] = .bool(true)
        } else {
            context["catalogHref"] = .string(courseRoot + "../index.html")
            breadcrumb.append(crumb(courseRoot + "../index.html", strings["site.catalog"]))
        }
        breadcrumb.append(crumb(courseRoot + SitePaths.home, course.title, current: kind == "course"))
        context["breadcrumb"] = .array(breadcrumb)
        if let base = options.baseURL {
            context["canonical"] = .string(base + SitePaths.escaped(course.slug + "/" + page))
        }
        // A SCORM package never talks to `lectern serve`: its pages list no server scripts.
        if !options.standalone {
            context.set("serverScriptsJSON", serverScriptsJSON(theme.serverScripts(for: kind), prefix: courseRoot, paths: assetPaths))
        }
        return context
    }

    /// The course as templates see it; hrefs are relative to the course folder (templates prefix `courseRoot`).
    func courseValue() -> [String: TemplateValue] {
        var value: [String: TemplateValue] = [
            "id": .string(course.id), "slug": .string(course.slug), "title": .string(course.title),
            "tags": .strings(course.tags), "language": .string(course.language),
            "durationMinutes": .int(course.durationMinutes), "durationLabel": .string(durationText(course.durationMinutes, strings: strings)),
            "learningOutcomes": .strings(course.learningOutcomes), "prerequisites": .strings(course.prerequisites),
            "lessonCount": .int(course.lessons.count), "quizCount": .int(course.quizzes.count),
            "homeHref": .string(SitePaths.home), "searchHref": .string(SitePaths.search),
        ]
        value.set("code", course.code)
        value.set("shortDescription", course.shortDescription)
        value.set("descriptionHTML", course.description.map { html($0, writtenIn: "course.yaml", shownAt: SitePaths.home) })
        value.set("level", course.level?.rawValue)
        value.set("levelLabel", course.level.map { strings["level.\($0.rawValue)"] })
        value.set("category", course.category)
        value.set("license", course.license)
        value.set("version", course.version)
        value.set("thumbnail", course.thumbnail.map { SitePaths.escaped(SitePaths.media($0)) })
        value["instructors"] = .array(course.instructors.map { person in
            var entry: [String: TemplateValue] = ["name": .string(person.name)]
            entry.set("email", person.email)
            entry.set("bioHTML", person.bio.map { html($0, writtenIn: "course.yaml", shownAt: SitePaths.home) })
            entry.set("avatar", person.avatar.map { SitePaths.escaped(SitePaths.media($0)) })
            return .object(entry)
        })
        let rule = course.completion
        value["completion"] = .object([
            "require": .string(rule.require.rawValue), "masteryScore": .double(rule.masteryScore),
            "isLessons": .bool(rule.require == .lessons), "isQuizzes": .bool(rule.require == .quizzes),
            "isAll": .bool(rule.require == .all),
        ])
        if let certificate = course.certificate {
            value["certificate"] = .object(["minScore": .double(certificate.minScore),
                                            "requireAllLessons": .bool(certificate.requireAllLessons)])
        }
        value["faqs"] = .array(course.faqs.map {
            .object(["question": .string($0.question), "answerHTML": .string(html($0.answer, writtenIn: "course.yaml", shownAt: SitePaths.home))])
        })
        // Sections without entries are left out; Mustache cannot test a list for emptiness.
        for (flag, empty) in [("hasOutcomes", course.learningOutcomes.isEmpty), ("hasPrerequisites", course.prerequisites.isEmpty),
                              ("hasInstructors", course.instructors.isEmpty), ("hasFAQs", course.faqs.isEmpty),
                              ("hasResources", course.resources.isEmpty), ("hasTags", course.tags.isEmpty)] {
            value[flag] = .bool(!empty)
        }
        value["resources"] = .array(course.resources.map { resource in
            var entry: [String: TemplateValue] = ["title": .string(resource.title)]
            entry.set("descriptionHTML", resource.description.map { html($0, writtenIn: "course.yaml", shownAt: SitePaths.home) })
            switch resource.target {
            case .file(let path):
                entry["href"] = .string(SitePaths.escaped(SitePaths.media(path)))
                entry["isFile"] = true
            case .url(let url):
                entry["href"] = .string(url)
                entry["isURL"] = true
            }
            return .object(entry)
        })
        value["modules"] = .array(course.modules.map { module in
            var entry = moduleValue(module, shownAt: SitePaths.home)
            entry["href"] = .string(paths.modules[module.id]!)
            return .object(entry)
        })
        return value
    }

    /// A module with its items; hrefs relative to the course folder.
    func moduleValue(_ module: Module, shownAt page: String, currentItem: String? = nil) -> [String: TemplateValue] {
        var value: [String: TemplateValue] = [
            "id": .string(module.id), "title": .string(module.title),
            "href": .string(paths.modules[module.id]!),
            "items": .array(module.items.map { .object(itemValue($0, currentItem: currentItem)) }),
            "hasItems": .bool(!module.items.isEmpty),
        ]
        value.set("descriptionHTML", module.description.map { html($0, writtenIn: module.path + "/module.yaml", shownAt: page) })
        return value
    }

    func itemValue(_ item: Module.Item, currentItem: String? = nil) -> [String: TemplateValue] {
        var value: [String: TemplateValue] = [
            "id": .string(item.id), "title": .string(item.title), "href": .string(paths.items[item.id]!),
            "isCurrent": .bool(item.id == currentItem),
        ]
        switch item {
        case .lesson(let lesson):
            value["kind"] = "lesson"
            value["isLesson"] = true
            value.set("durationMinutes", lesson.durationMinutes)
        case .quiz:
            value["kind"] = "quiz"
            value["isQuiz"] = true
        case .assignment:
            // Not a lesson for the progress script: it leaves kind "assignment" out of the completion rule.
            value["kind"] = "assignment"
            value["isAssignment"] = true
        }
        return value
    }

    /// Modules, and items of the current module, the sidebar lists at most: a longer course lists a window
    /// around the current module and links to the whole outline on the course home, a longer module a
    /// window around the current item and links to the module's page, so a page's size does not grow
    /// with the course.
    /// (15 items: a screen's height of links, and the whole of most modules; the module's page lists all.)
    static let sidebarModules = 15
    static let sidebarItemsShown = 15

    /// The `limit` positions of `count` centred on `current` (clamped to the ends).
    static func window(count: Int, around current: Int, limit: Int) -> Range<Int> {
        guard count > limit else { return 0..<count }
        let start = min(max(0, current - limit / 2), count - limit)
        return start..<(start + limit)
    }

    /// The sidebar: the modules as links (all of them, or a window of `sidebarModules` around the current
    /// one), with items listed only under the current one, so a page of a 10,000-lesson course stays
    /// small. Built from `sidebarItems`, computed once per build.
    func sidebar(currentModule: String?, currentItem: String?) -> TemplateValue {
        let modules = course.modules
        let shown = Self.window(count: modules.count, around: modules.firstIndex { $0.id == currentModule } ?? 0, limit: Self.sidebarModules)
        return .array(modules[shown].map { module in
            var value: [String: TemplateValue] = [
                "title": .string(module.title), "href": .string(paths.modules[module.id]!),
                "isCurrent": .bool(module.id == currentModule),
            ]
            if module.id == currentModule, var items = sidebarItems[module.id] {
                let index = currentItem.flatMap { id in module.items.firstIndex { $0.id == id } }
                if let currentItem, let index {
                    items[index] = .object(itemValue(module.items[index], currentItem: currentItem))
                }
                value["items"] = .array(Array(items[Self.window(count: items.count, around: index ?? 0, limit: Self.sidebarItemsShown)]))
                if items.count > Self.sidebarItemsShown { value["moreItems"] = .bool(true) }
            }
            return .object(value)
        })
    }

    /// The sidebar's context: `sidebar`, and `sidebarMore` (the link to the whole outline on the course
    /// home) when it lists only some of the modules.
    func sidebarContext(currentModule: String?, currentItem: String?) -> [String: TemplateValue] {
        var context = ["sidebar": sidebar(currentModule: currentModule, currentItem: currentItem)]
        if course.modules.count > Self.sidebarModules {
            context["sidebarMore"] = .object(["href": .string(SitePaths.home + "#lectern-syllabus-heading")])
        }
        return context
    }
}

/// One step of a page's breadcrumb (partials/breadcrumb).
func crumb(_ href: String, _ title: String, current: Bool = false) -> TemplateValue {
    .object(["href": .string(href), "title": .string(title), "isCurrent": .bool(current)])
}

/// The hrefs of the server's scripts for a page at `prefix`, as JSON for lectern.js; nil when there are none.
func serverScriptsJSON(_ scripts: [String], prefix: String, paths: [String: String]) -> String? {
    let hrefs = scripts.compactMap { paths[$0].map { prefix + $0 } }
    return hrefs.isEmpty ? nil : ScriptJSON.encode(hrefs)
}

/// Stylesheet and script hrefs for a page at `prefix` from the folder holding `assets/`.
func assetsValue(prefix: String, theme: Theme, stylesheets: [String], scripts: [String], paths: [String: String]) -> TemplateValue {
    func hrefs(_ names: [String]) -> TemplateValue {
        .array(names.compactMap { paths[$0].map { .object(["href": .string(prefix + $0)]) } })
    }
    return .object([
        "stylesheets": hrefs(stylesheets), "darkStylesheets": hrefs(theme.darkStylesheets),
        "headScripts": hrefs(theme.headScripts), "scripts": hrefs(scripts),
    ])
}
