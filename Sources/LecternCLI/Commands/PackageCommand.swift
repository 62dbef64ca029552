import CourseModel
import Foundation
import Packaging
import SiteBuilder

/// `lectern package DIR --format scorm12|scorm2004 --out FILE.zip`: a SCORM package for LMSs.
enum PackageCommand: Command {
    static let name = "package"
    static let summary = "package a course as a SCORM 1.2 or SCORM 2004 ZIP for an LMS"
    static let help = """
    Usage: lectern package DIR --format scorm12|scorm2004 --out FILE.zip
                           [--theme NAME|DIR] [--single-sco | --sco-per-module] [--validate]

    Writes a SCORM package that Moodle, Canvas, Blackboard or SCORM Cloud can import:
    the rendered course, a launch page per SCO that reports completion, score,
    quiz answers and the learner's place to the LMS, and imsmanifest.xml. The same
    course always gives the same bytes. A course with errors is refused.

    Options:
      --format scorm12|scorm2004  the SCORM edition (2004 means 4th Edition)
      --out FILE.zip              the package to write (replaced only once complete)
      --theme NAME|DIR            a theme instead of the course's own
      --single-sco                one SCO for the whole course (the default)
      --sco-per-module            one SCO per module
      --validate                  check imsmanifest.xml against the official XSDs
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--single-sco", "--sco-per-module", "--validate"],
                                      options: ["--format", "--out", "--theme"])
        guard arguments.positionals.count == 1, let folder = arguments.positionals.first else {
            throw UsageError("name exactly one course folder")
        }
        guard let formatName = arguments.options["--format"] else { throw UsageError("--format scorm12|scorm2004 is required") }
        guard let edition = ScormEdition(rawValue: formatName) else {
            throw UsageError("--format must be scorm12 or scorm2004, not '\(formatName)'")
        }
        guard let out = arguments.options["--out"] else { throw UsageError("--out FILE.zip is required") }
        if arguments.flags.contains("--single-sco") && arguments.flags.contains("--sco-per-module") {
            throw UsageError("choose one of --single-sco and --sco-per-module")
        }
        let started = Date()
        guard let loaded = CourseLoading.load([folder], includeDrafts: false, command: name) else { return ExitCode.failure }
        guard let source = loaded.first else {
            Output.error("lectern package: a draft course is not packaged; remove 'draft: true' from its course.yaml to publish it")
            return ExitCode.failure
        }
        let options = PackageOptions(edition: edition, layout: arguments.flags.contains("--sco-per-module") ? .perModule : .single,
                                     theme: arguments.options["--theme"], validate: arguments.flags.contains("--validate"))
        do {
            let report = try ScormPackager.write(source, options: options, to: URL(fileURLWithPath: out))
            for warning in report.warnings { Output.error("warning: \(warning)") }
            let checked = options.validate ? ", manifest valid" : ""
            Output.error(String(format: "packaged %@ as %@ into %@: %d files, %d SCO%@, suspend data up to %d of %d characters%@ in %.2f s",
                                source.course.slug, edition.displayName, out, report.files, report.scos, report.scos == 1 ? "" : "s",
                                report.suspendDataWorstCase, report.suspendDataLimit, checked, Date().timeIntervalSince(started)))
            return ExitCode.ok
        } catch {
            Output.error("lectern package: \(error.message)")
            return ExitCode.failure
        }
    }
}
