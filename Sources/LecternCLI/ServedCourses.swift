import CourseModel
import Foundation
import Server
import SiteBuilder
import Synchronization
import Utilities

/// What `lectern serve` answers with once its courses are built, and how it reloads them: on SIGHUP, or
/// when another instance on the same database asked (`course_reload` rows, polled). A reload loads and
/// builds the courses aside and swaps them in whole; courses with errors leave the previous ones served.
final class ServedCourses: Sendable {
    let settings: ServeSettings
    let store: Store
    let tokens: TokenService
    /// Kept across reloads: a reload gives no client a fresh allowance and unlocks no account.
    let limiters: Limiters
    let reloads = CourseReloads()
    let log: @Sendable (String) -> Void
    /// The private folder serve builds into (nil with `--site`): each build gets its own `site-N` in it.
    let workFolder: URL?
    /// Read by every request: a plain lock, not a priority-inheritance `Mutex` (see `Locked`).
    private let current = Locked<APIServer?>(nil)
    /// Sites replaced by a reload, removed once requests that began on them are done.
    private let retired = Locked<[(folder: URL, at: Date)]>([])
    /// The second origin serving hosted SCORM packages, once it listens (nil with `--scorm-port off`).
    let scormPlayer = Locked<ScormPlayerAddress?>(nil)
    private let builds = Atomic<Int>(0)
    private let filesChanged = Atomic<Bool>(false)

    init(settings: ServeSettings, store: Store, tokens: TokenService, workFolder: URL?, log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.store = store
        self.tokens = tokens
        self.workFolder = workFolder
        self.log = log
        limiters = Limiters(settings.limits)
    }

    /// nil until the first build is done; meanwhile `StartingServer` answers.
    var api: APIServer? { current.withLock { $0 } }

    var siteOptions: SiteOptions {
        var options = SiteOptions(theme: settings.theme, gradeInBrowser: false)
        options.baseURL = settings.publicURL
        return options
    }

    /// Why a `--site` folder cannot be served: the server grades quizzes, and pages carrying the answers
    /// would give them away. nil when it was built for the server.
    static func siteProblem(_ site: URL) -> String? {
        ServedSiteGuard.problem(in: site).map { "\($0); build the site with 'lectern build --server-grading', or let 'lectern serve' build it" }
    }

    /// Builds `sources` and serves them, replacing what was served. `reload` is the newest reload request
    /// these courses answer (0 at start), reported by /api/v1/ready so an operator sees every instance caught up.
    /// A `--site` folder is checked again on a reload (it may have been rebuilt); at start the command checked it.
    func serve(_ sources: [CourseSource], reload: Int) throws {
        let site: URL
        if let workFolder {
            let number = builds.add(1, ordering: .relaxed).newValue
            site = workFolder.appendingPathComponent("site-\(number)")
            // Served sites grade quizzes on the server: no answer reaches the browser.
            try SiteBuilder.build(sources, options: siteOptions).write(to: site, gzipVariants: true)
        } else {
            site = URL(fileURLWithPath: settings.site ?? ".")
            if api != nil, let problem = Self.siteProblem(site) { throw UsageError(problem) }
        }
        // Explanations and choice feedback go out with graded attempts, rendered as the pages render them.
        let feedback = try SiteBuilder.quizFeedback(sources, options: siteOptions)
        let api = APIServer(store: store, tokens: tokens, catalog: Catalog(sources.map(\.course), feedback: feedback,
                                                                                     pages: Dictionary(sources.map { ($0.course.slug, SiteBuilder.pagePaths(for: $0.course)) },
                                                                                                       uniquingKeysWith: { first, _ in first })), siteFolder: site,
                            limiters: limiters, trustedProxies: settings.proxies, publicURL: settings.publicURL, reloads: reloads,
                            filesFolder: settings.files, submissionLimits: settings.submissionLimits,
                            scormIntake: ScormHosting.intake, scormPlayer: scormPlayer.withLock { $0 }, log: log)
        // Readiness names the reload before its pages are served, so a client that sees the new pages also
        // sees the new reload number (the other order left a window where it did not).
        if reload > 0 { reloads.serve(reload) }
        let previous = current.withLock { current in
            defer { current = api }
            return current
        }
        if let previous, workFolder != nil, previous.siteFolder != site {
            retired.withLock { $0.append((previous.siteFolder, Date())) }
        }
    }

    /// Loads the course folders again and serves them; with errors, says so and keeps the courses served.
    /// `request` is the reload request being answered (for a reload the file watcher started, the one served).
    func reload(_ request: Int, cause: String) {
        let started = Date()
        var messages: [String] = []
        func say(_ message: String) {
            Output.error(message)
            messages.append(message)
        }
        Output.error("lectern serve: reloading the courses (\(cause))")
        guard let sources = CourseLoading.load(settings.courses, includeDrafts: false, command: "serve", say: say) else {
            say("lectern serve: reload not done (\(cause)): the courses have errors (above); the previous courses are still served")
            reloads.finished(.init(request: request, succeeded: false, courses: 0, seconds: Date().timeIntervalSince(started), messages: messages))
            return
        }
        do {
            try serve(sources, reload: request)
            let seconds = Date().timeIntervalSince(started)
            Output.error(String(format: "lectern serve: reloaded %d course%@ in %.1f s (%@)", sources.count, sources.count == 1 ? "" : "s", seconds, cause))
            reloads.finished(.init(request: request, succeeded: true, courses: sources.count, seconds: seconds, messages: messages))
        } catch {
            say("lectern serve: reload not done (\(cause)): \(error); the previous courses are still served")
            reloads.finished(.init(request: request, succeeded: false, courses: 0, seconds: Date().timeIntervalSince(started), messages: messages))
        }
    }

    /// Watches the course folders (inotify, or polling where it is missing) on a thread of its own, for `--watch`.
    func watchFiles(stop: StopSignal) {
        let folders = settings.courses
        Thread { [self] in
            let watcher: any FileWatcher = InotifyWatcher(folders: folders) ?? PollingWatcher(folders: folders)
            // A burst of changes (a git pull) arrives as one.
            while watcher.next(stop: stop) != nil { filesChanged.store(true, ordering: .relaxed) }
        }.start()
    }

    /// Whether the course files changed since the last call.
    func takeFileChange() -> Bool { filesChanged.exchange(false, ordering: .relaxed) }

    /// Removes sites a reload replaced at least `after` seconds ago: long enough for requests begun on them.
    func removeRetiredSites(after seconds: TimeInterval = 30) {
        let due = retired.withLock { retired in
            let due = retired.filter { Date().timeIntervalSince($0.at) >= seconds }
            retired.removeAll { Date().timeIntervalSince($0.at) >= seconds }
            return due
        }
        for site in due { try? FileManager.default.removeItem(at: site.folder) }
    }
}

/// Set by the SIGHUP handler; a lock-free atomic store is all a signal handler may safely do.
private let hangupSignalled = Atomic<Int32>(0)

/// SIGHUP asks `lectern serve` to reload its courses (`systemctl reload lectern`); it polls `take()`.
struct ReloadSignal: Sendable {
    init() {
        signal(SIGHUP) { _ in hangupSignalled.store(1, ordering: .relaxed) }
        var hangup = sigset_t()
        sigemptyset(&hangup)
        sigaddset(&hangup, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &hangup, nil)
    }

    /// Whether a SIGHUP came since the last call.
    func take() -> Bool { hangupSignalled.exchange(0, ordering: .relaxed) != 0 }
}
