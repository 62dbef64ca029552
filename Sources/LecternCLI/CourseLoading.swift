import CourseModel
import Foundation
import SiteBuilder
import Utilities

/// Loading the course folders a command names, reporting diagnostics the way `check` does.
enum CourseLoading {
    /// Languages the built-in themes have UI strings for.
    static var uiLanguages: Set<String> {
        Set((try? Theme.load("default"))?.strings.keys.map { $0 } ?? ["en"])
    }

    /// Said by `check` and static builds: only `lectern serve` can keep pages from those not enrolled.
    static func visibilityNote(_ folder: String) -> String {
        "\(URL(fileURLWithPath: folder).appendingPathComponent("course.yaml").path): note: 'visibility: enrolled' is kept by lectern serve only; "
            + "a static build or a SCORM package shows every page to whoever can open it"
    }

    /// Loads every folder; prints warnings and errors to standard error (or hands them to `say`).
    /// - Returns: the courses, or nil when any has errors (after printing them all).
    static func load(_ folders: [String], includeDrafts: Bool, command: String,
                     say: (String) -> Void = { Output.error($0) }) -> [CourseSource]? {
        var report = DiagnosticReport()
        var sources: [CourseSource] = []
        var failed = false
        let languages = uiLanguages
        // A catalog's courses load side by side: one course's serial steps (listing, link checks) overlap.
        let outcomes = parallelMap(folders) { folder -> Swift.Result<LoadResult, LoaderError> in
            Swift.Result { () throws(LoaderError) -> LoadResult in try Loader.load(URL(fileURLWithPath: folder), options: LoadOptions(includeDrafts: includeDrafts, uiLanguages: languages)) }
        }
        for (folder, outcome) in zip(folders, outcomes) {
            switch outcome {
            case .success(let result):
                report.add(result.diagnostics, courseFolder: folder)
                // Checked like any course, so its errors show before it is published.
                if result.course.isDraft && !includeDrafts {
                    say("lectern \(command): note: \(folder) is a draft course (draft: true in course.yaml): left out"
                        + (command == "build" ? "; --drafts includes it" : ""))
                    continue
                }
                sources.append(CourseSource(course: result.course, folder: URL(fileURLWithPath: folder).standardizedFileURL))
            case .failure(let error):
                say("lectern \(command): \(error.message)")
                failed = true
            }
        }
        if !report.diagnostics.isEmpty { say(report.rendered) }
        var slugs: [String: String] = [:]
        for source in sources {
            if let other = slugs[source.course.slug] {
                say("lectern \(command): courses '\(other)' and '\(source.folder.path)' share the slug '\(source.course.slug)'; set a different 'slug:' in one course.yaml")
                failed = true
            }
            slugs[source.course.slug] = source.folder.path
        }
        if report.errors > 0 {
            say("lectern \(command): \(report.errors) error\(report.errors == 1 ? "" : "s") in the course files; nothing was written")
            return nil
        }
        return failed ? nil : sources
    }
}
