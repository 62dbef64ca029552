import CourseModel
import Foundation
import Synchronization
import HTTP
import SiteBuilder
import Utilities

/// One `lectern preview` run: a temporary site folder, the server in front of it, and the watcher
/// that rebuilds it.
final class PreviewSession {
    let folders: [String]
    let options: SiteOptions
    let includeDrafts: Bool
    let state = PreviewState()
    let siteFolder: URL
    let build: PreviewBuild

    /// - Throws: `PrivateFolderError` when the private folder for the site cannot be made.
    init(folders: [String], theme: String?, includeDrafts: Bool) throws(PrivateFolderError) {
        self.folders = folders
        options = SiteOptions(theme: theme, cache: RenderCache())
        self.includeDrafts = includeDrafts
        // Private and unpredictable: another local user must not put pages in front of the author's browser.
        siteFolder = try PrivateTemporaryFolder.make(prefix: "lectern-preview-").get().appendingPathComponent("site")
        build = PreviewBuild(folders: folders, options: options, includeDrafts: includeDrafts, siteFolder: siteFolder)
    }

    func run(host: String, port: Int) -> Int32 {
        defer { try? FileManager.default.removeItem(at: siteFolder.deletingLastPathComponent()) }
        try? FileManager.default.createDirectory(at: siteFolder, withIntermediateDirectories: true)
        let watcher = makeWatcher()
        rebuild()
        let server: HTTPServer
        do {
            var serverOptions = HTTPServerOptions()
            serverOptions.host = host
            serverOptions.port = port
            let handler = PreviewHandler(files: StaticFiles(root: siteFolder), state: state)
            server = try HTTPServer(options: serverOptions) { handler.handle($0) }
        } catch {
            Output.error("lectern preview: \(error.message)")
            return ExitCode.failure
        }
        let stop = StopSignal()
        Output.print("Serving on http://\(host):\(server.port)/ (Ctrl-C to stop)")
        fflush(nil)
        while let change = watcher.next(stop: stop) {
            rebuild(after: change)
        }
        server.stop()
        Output.error("stopped")
        return ExitCode.ok
    }

    /// inotify, or polling with a word on stderr when the kernel refuses (no inotify, watch limit reached).
    private func makeWatcher() -> FileWatcher {
        if let watcher = InotifyWatcher(folders: folders) { return watcher }
        Output.error("lectern preview: cannot watch the course folders with inotify (\(String(cString: strerror(errno)))); "
                     + "checking for changes every 0.1 s instead (raise fs.inotify.max_user_watches to fix)")
        return PollingWatcher(folders: folders)
    }

    /// Loads and builds again after `change` (nil: the first build), writing only the files that changed.
    func rebuild(after change: WatchedChange? = nil) {
        let started = Date()
        let (outcome, report) = build.build(after: change)
        if !report.diagnostics.isEmpty { Output.error(report.rendered) }
        switch outcome {
        case .failed(let diagnostics, let count):
            state.failed(diagnostics)
            Output.error("build failed: \(count) error\(count == 1 ? "" : "s"); the page shows them until they are fixed")
        case .crashed(let message):
            state.failed(message)
            Output.error("lectern preview: \(message)")
        case .built(let files, let incremental, let load, let render, let write):
            state.succeeded()
            Output.error(String(format: "built in %.3f s (%d files written; load %.3f s, %@ %.3f s, write %.3f s)",
                                Date().timeIntervalSince(started), files, load, incremental ? "pages of changed items" : "all pages",
                                render, write))
        }
    }
}

/// Size and modification time of a file: what the watcher compares between scans.
struct FileStamp: Equatable {
    var size: Int
    var modified: Int

    /// Stamps of every file in the course folders (hidden ones skipped).
    static func scan(_ folders: [String]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for folder in folders {
            for entry in FileWalk.entries(under: folder) where !entry.isDirectory {
                stamps[folder + "/" + entry.path] = FileStamp(size: entry.size, modified: entry.modified)
            }
        }
        return stamps
    }
}

/// Set by the SIGINT/SIGTERM handler; a lock-free atomic store is all a signal handler may safely do.
private let stopSignalled = Atomic<Int32>(0)

/// Ctrl-C or SIGTERM asks the command to stop; it polls `requested`. The handler is installed
/// synchronously, so a signal sent right after the command says it is ready is never lost.
struct StopSignal: Sendable {
    init() {
        for number in [SIGINT, SIGTERM] { signal(number) { _ in stopSignalled.store(1, ordering: .relaxed) } }
        // A process started from a thread that blocks these signals (a test runner's worker, say)
        // inherits the mask: unblock them here, or they would stay pending forever.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
    }

    var requested: Bool { stopSignalled.load(ordering: .relaxed) != 0 }
}
