import CourseModel
import Foundation
import Templating

extension SiteBuilder {
    /// Output paths (relative to the course folder) of every lesson and quiz page, by id.
    public static func pagePaths(for course: Course) -> [String: String] {
        SitePaths(course).items
    }

    /// Output paths (relative to the course folder) of every module page, by module id.
    public static func modulePagePaths(for course: Course) -> [String: String] {
        SitePaths(course).modules
    }

    /// Renders one more page of a course with its theme and the same base context as the course's
    /// pages (language, strings, stylesheets): SCORM launch pages are made this way.
    /// - Parameters:
    ///   - page: the page's path relative to the course folder.
    ///   - scripts: theme asset names to load instead of the theme's scripts.
    ///   - extra: more context for the template.
    public static func renderPage(_ template: String, for source: CourseSource, options: SiteOptions = SiteOptions(),
                                  page: String, title: String, scripts: [String],
                                  extra: [String: TemplateValue]) throws(ThemeError) -> Data {
        let theme = try Theme.load(options.theme ?? source.course.theme ?? "default",
                                   courseOverrides: source.folder.appendingPathComponent("theme"))
        guard theme.templates[template] != nil else { throw ThemeError("theme '\(theme.name)' has no template '\(template)'") }
        let renderer = CourseRenderer(course: source.course, folder: source.folder, theme: theme, options: options)
        var context = renderer.baseContext(page: page, kind: template, title: title, courseValue: [:])
        context["course"] = nil
        context["assets"] = assetsValue(prefix: SitePaths.prefix(from: page), theme: theme, stylesheets: theme.stylesheets, scripts: scripts,
                                        paths: renderer.assetPaths)
        context.merge(extra) { $1 }
        return Data((theme.templates.render(template, .object(context)) ?? "").utf8)
    }
}
