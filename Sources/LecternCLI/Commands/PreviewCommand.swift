import CourseModel
import Foundation
import HTTP
import SiteBuilder

/// `lectern preview DIR...`: builds, serves on 127.0.0.1, rebuilds on change and reloads the browser.
enum PreviewCommand: Command {
    static let name = "preview"
    static let summary = "build, serve locally and rebuild on every change"
    static let help = """
    Usage: lectern preview DIR... [--port N] [--theme NAME|DIR] [--no-drafts]

    Builds the courses into a temporary folder and serves it on http://127.0.0.1:PORT/.
    Every change to a course file rebuilds what it touches and reloads the open page.
    Errors in the course show in the terminal and in the page until they are fixed.
    Stop with Ctrl-C.

    Options:
      --port N          the port to listen on (default 8000; 0 picks a free one)
      --theme NAME|DIR  the theme for every course (default: each course's own)
      --no-drafts       leave drafts out (they are shown by default while previewing)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--no-drafts"], options: ["--port", "--theme", "--host"])
        guard !arguments.positionals.isEmpty else { throw UsageError("name at least one course folder") }
        guard let port = Int(arguments.options["--port"] ?? "8000"), (0...65535).contains(port) else {
            throw UsageError("--port must be a number from 0 to 65535")
        }
        let session: PreviewSession
        do {
            session = try PreviewSession(folders: arguments.positionals, theme: arguments.options["--theme"],
                                         includeDrafts: !arguments.flags.contains("--no-drafts"))
        } catch {
            Output.error("lectern preview: \(error)")
            return ExitCode.failure
        }
        return session.run(host: arguments.options["--host"] ?? "127.0.0.1", port: port)
    }
}
