import CourseModel
import Foundation
import SiteBuilder
import Templating
import XML
import Zip

/// How to package a course.
public struct PackageOptions: Sendable {
    public var edition: ScormEdition
    public var layout: ScoLayout
    /// A theme name or folder instead of the course's own.
    public var theme: String?
    /// Check the manifest against the official XSDs before writing.
    public var validate: Bool

    public init(edition: ScormEdition, layout: ScoLayout = .single, theme: String? = nil, validate: Bool = false) {
        self.edition = edition
        self.layout = layout
        self.theme = theme
        self.validate = validate
    }
}

/// What a package holds, for the summary `lectern package` prints.
public struct PackageReport: Sendable {
    public var files: Int
    public var scos: Int
    /// The most characters of `cmi.suspend_data` any SCO can use, and the edition's limit.
    public var suspendDataWorstCase: Int
    public var suspendDataLimit: Int
    public var warnings: [String]
}

/// Turns a course into a SCORM package: the rendered course at the ZIP root, a launch page per SCO that
/// connects to the LMS, and `imsmanifest.xml` describing both.
public enum ScormPackager {
    /// The package's files in memory (pages, manifest) or on disk (media), and its report.
    public static func contents(_ source: CourseSource, options: PackageOptions) throws(PackageError) -> (BuiltSite, PackageReport) {
        let course = source.course
        var siteOptions = SiteOptions(theme: options.theme)
        siteOptions.standalone = true
        let site: BuiltSite
        do {
            site = try SiteBuilder.build([source], options: siteOptions)
        } catch {
            throw PackageError(error.message)
        }
        // The course's own folder becomes the package root; the catalog around it is not needed.
        var package = BuiltSite()
        let prefix = course.slug + "/"
        for (path, contents) in site.files where path.hasPrefix(prefix) {
            package.files[String(path.dropFirst(prefix.count))] = contents
        }

        let codes = ItemCodes(ids: course.lessons.map(\.id) + course.quizzes.map(\.id))
        let scos = scos(for: course, layout: options.layout)
        let worstCase = scos.map { codes.worstCaseSuspendData(lessons: $0.lessons.count, quizzes: $0.quizzes.count) }.max() ?? 0
        if worstCase > options.edition.suspendDataLimit {
            throw PackageError("""
                this course can need \(worstCase) characters of suspend data to bookmark a learner, over the \
                \(options.edition.suspendDataLimit) of \(options.edition.displayName); package it with --format scorm2004 \
                (64,000 characters) or with --sco-per-module
                """)
        }
        let pages = SiteBuilder.pagePaths(for: course)
        let modulePages = SiteBuilder.modulePagePaths(for: course)
        for sco in scos {
            let config = LaunchConfig(course: course, sco: sco, edition: options.edition, codes: codes, pages: pages, modulePages: modulePages)
            do {
                package.files[sco.launchPage] = .data(try SiteBuilder.renderPage(
                    "scorm-launch", for: source, options: siteOptions, page: sco.launchPage,
                    title: sco.title, scripts: ["progress.js", "grading.js", "scorm-record.js", "scorm-cmi.js", "scorm.js"], extra: ["scorm": .object(["configJSON": .string(config.json)])]))
            } catch {
                throw PackageError(error.message)
            }
        }

        let launchPages = Set(scos.map(\.launchPage))
        let content = package.files.keys.filter { !launchPages.contains($0) }.sorted()
        // The schemas the manifest names, where its relative schema locations point.
        let schemas = ScormSchemas.controlDocuments(for: options.edition)
        for (path, data) in schemas where package.files[path] == nil { package.files[path] = .data(data) }
        let manifest = ScormManifest(course: course, edition: options.edition, scos: scos, contentFiles: content,
                                     schemaFiles: schemas.keys.filter { !content.contains($0) }.sorted())
        let xml: String
        do {
            xml = try XMLDocument.serialize(manifest.element)
        } catch {
            throw PackageError("cannot build imsmanifest.xml: \(error.message)")
        }
        if options.validate {
            let problems = try ScormSchemas.validate(xml, edition: options.edition)
            guard problems.isEmpty else {
                throw PackageError("imsmanifest.xml does not validate against the \(options.edition.displayName) schemas:\n"
                                   + problems.map { "  imsmanifest.xml:\($0.line): \($0.message)" }.joined(separator: "\n"))
            }
        }
        package.files["imsmanifest.xml"] = .data(Data(xml.utf8))
        let report = PackageReport(files: package.files.count, scos: scos.count, suspendDataWorstCase: worstCase,
                                   suspendDataLimit: options.edition.suspendDataLimit, warnings: site.warnings)
        return (package, report)
    }

    /// Packages a course into a ZIP at `output` (replaced only once complete).
    public static func write(_ source: CourseSource, options: PackageOptions, to output: URL) throws(PackageError) -> PackageReport {
        let (package, report) = try contents(source, options: options)
        try? FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let writer = ZipWriter(path: output.path)
        for (path, contents) in package.files {
            switch contents {
            case .data(let data): writer.add(data, at: path)
            case .copy(let url): writer.addFile(url.path, at: path)
            case .written: break   // packages are built without a page sink: every page is in `package`
            }
        }
        do {
            // LMSs look for the manifest first; putting it first spares them a scan of the archive.
            try writer.close(first: ["imsmanifest.xml"])
        } catch {
            throw PackageError(error.message)
        }
        return report
    }

    /// The SCOs of a layout, each with the launch page it gets.
    static func scos(for course: Course, layout: ScoLayout) -> [Sco] {
        switch layout {
        case .single:
            return [Sco(id: "course", title: course.title, launchPage: "lectern-sco.html", modules: course.modules)]
        case .perModule:
            return course.modules.map { Sco(id: $0.id, title: $0.title, launchPage: "lectern-sco-\($0.id).html", modules: [$0]) }
        }
    }

    /// Validates a manifest against the official schemas of an edition.
    /// - Returns: each problem with its line; empty when valid.
    public static func validate(manifest: String, edition: ScormEdition) throws(PackageError) -> [XMLValidationError] {
        try ScormSchemas.validate(manifest, edition: edition)
    }

    /// Checks that the manifest lists every file of a written package and nothing else.
    /// - Returns: descriptions of the differences; empty when they match.
    public static func audit(_ zip: URL) throws(PackageError) -> [String] {
        let reader = ZipReader(path: zip.path)
        do {
            let names = Set(try reader.names())
            let manifest = String(decoding: try reader.data("imsmanifest.xml"), as: UTF8.self)
            let listed = Set(manifest.components(separatedBy: "<file href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
                .map { $0.replacingOccurrences(of: "&amp;", with: "&") })
            var problems: [String] = []
            for name in names.subtracting(listed).subtracting(["imsmanifest.xml"]).sorted() { problems.append("in the ZIP but not listed: \(name)") }
            for name in listed.subtracting(names).sorted() { problems.append("listed but not in the ZIP: \(name)") }
            return problems
        } catch {
            throw PackageError(error.message)
        }
    }
}
