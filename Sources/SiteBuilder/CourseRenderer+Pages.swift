import CourseModel
import Templating

extension CourseRenderer {
    func homeContext(_ courseValue: [String: TemplateValue]) -> [String: TemplateValue] {
        var context = baseContext(page: SitePaths.home, kind: "course", title: course.title, courseValue: courseValue)
        context.merge(sidebarContext(currentModule: nil, currentItem: nil)) { $1 }
        return context
    }

    func moduleContext(_ module: Module, courseValue: [String: TemplateValue]) -> [String: TemplateValue] {
        let page = paths.modules[module.id]!
        var context = baseContext(page: page, kind: "module", title: module.title, courseValue: courseValue)
        context["module"] = .object(moduleValue(module, shownAt: page))
        context.merge(sidebarContext(currentModule: module.id, currentItem: nil)) { $1 }
        return context
    }

    func searchContext(_ courseValue: [String: TemplateValue], manifest: String) -> [String: TemplateValue] {
        var context = baseContext(page: SitePaths.search, kind: "search", title: strings["search.title"], courseValue: courseValue)
        context["search"] = .object(["manifestJSON": .string(manifest)])
        context.merge(sidebarContext(currentModule: nil, currentItem: nil)) { $1 }
        return context
    }

    /// The context shared by lesson and quiz pages: sidebar, module, previous and next.
    func itemContext(_ item: Module.Item, index: Int, module: Module, kind: String, features: PageFeatures,
                     courseValue: [String: TemplateValue]) -> [String: TemplateValue] {
        let page = paths.items[item.id]!
        var context = baseContext(page: page, kind: kind, title: item.title, item: item, features: features, courseValue: courseValue)
        context.merge(sidebarContext(currentModule: module.id, currentItem: item.id)) { $1 }
        if case .array(let trail) = context["breadcrumb"] {
            context["breadcrumb"] = .array(trail + [crumb(SitePaths.prefix(from: page) + paths.modules[module.id]!, module.title)])
        }
        return context
    }

    /// Previous, next and module links of the item at `index` of the course sequence.
    func neighbours(index: Int, module: Module) -> [String: TemplateValue] {
        var value: [String: TemplateValue] = [
            "module": .object(["title": .string(module.title), "href": .string(paths.modules[module.id]!)]),
        ]
        if index > 0 {
            let previous = sequence[index - 1].item
            value["previous"] = .object(["title": .string(previous.title), "href": .string(paths.items[previous.id]!)])
        }
        if index + 1 < sequence.count {
            let next = sequence[index + 1].item
            value["next"] = .object(["title": .string(next.title), "href": .string(paths.items[next.id]!)])
        }
        return value
    }
}
