import CourseModel
import Foundation
import HTTP
import Server
import SiteBuilder
import Synchronization
import Utilities

/// `lectern serve DIR...`: the kiosk server, the built courses and the JSON API with accounts.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "serve courses with accounts and progress (kiosk server)"
    static let help = """
    Usage: lectern serve DIR... [--config FILE] [--watch] [--host 127.0.0.1] [--port 8080] [--db lectern.db|postgres://…] [--theme NAME|DIR] [--site OUT]
                         [--rate-limit 600] [--account-rate-limit 300] [--sign-in-rate-limit 20]
                         [--trusted-proxy ADDR[,ADDR]] [--keep-activity-days 365] [--keep-notifications-days 180] [--min-free-disk-mb 64]
                         [--max-connections 2048] [--max-connections-per-address 64] [--header-timeout 10]
                         [--public-url https://school.example/] [--lrs URL --lrs-credentials FILE] [--files DIR]
                         [--max-upload-mb 50] [--submission-mb 100] [--learner-files-mb 500] [--files-budget-mb 10240]
                         [--scorm-dir DIR] [--scorm-port N|off] [--scorm-origin URL]

    Listens at once, then builds the courses (quiz answers stay on the server),
    or serves a site built before with --site; until the build is done
    /api/v1/ready and every page answer 503 (/api/v1/health answers 200).
    Answers the JSON API under /api/v1: accounts and
    tokens, the catalog, enrollments, progress and quizzes graded on the server.
    Data is kept in an SQLite database; the token signing secret is made on first
    start next to it (lectern-secret.key). With --db postgres://… any number of
    instances share one PostgreSQL database, secret included (docs/postgresql.md).
    Stop with Ctrl-C or SIGTERM: requests in progress finish. SIGHUP (systemctl
    reload lectern) or 'lectern db reload' reloads the courses on every instance
    on the database: each builds them aside and swaps them in whole, keeping the
    previous courses while the new ones have errors.

    Options:
      --config FILE   read these options from FILE, one 'key = value' a line
                      (keys are the long options without '--', plus
                      'courses = DIR[, DIR]'; '#' comments); options given on
                      the command line win. See docs/deploy.md.
      --watch         reload the courses when their files change (in a config
                      file: 'watch = yes')
      --host HOST     the address to listen on (default 127.0.0.1)
      --port N        the port (default 8080; 0 picks a free one)
      --db FILE|URL   the SQLite database (default lectern.db), or a PostgreSQL
                      server: postgres://user:password@host:5432/dbname
      --site OUT      serve this built site instead of building courses
      --theme NAME    the theme for every course
      --rate-limit N  API requests a minute one client address may make, up to
                      half of them at once (default 600; 0 turns the limit off,
                      e.g. behind a reverse proxy that limits instead)
      --account-rate-limit N
                      API requests a minute one signed-in account may make
                      (default 300; 0 turns it off)
      --sign-in-rate-limit N
                      sign-ins and registrations a minute one client address may
                      make, all of them at once (default 20; 0 turns it off)
      --trusted-proxy ADDR[,ADDR]
                      the IP addresses of reverse proxies in front of the server:
                      only requests from them have their client address read
                      from Forwarded or X-Forwarded-For (the hop the proxy added)
      --keep-activity-days N
                      days the security activity log keeps its events (default
                      365); older ones are removed at start and once a day
      --keep-notifications-days N
                      days a notification stays in an inbox, read or not
                      (default 180)
      --min-free-disk-mb N
                      free space (MB) the database's disk must keep for
                      /api/v1/ready to say ready (default 64)
      --max-connections N
                      open connections the server answers (default 2048); past
                      it, requests get 503 with Retry-After
      --max-connections-per-address N
                      open connections one client address may hold (default 64;
                      more are closed at once; 0 turns the cap off, e.g. behind
                      a reverse proxy, which then should cap instead)
      --header-timeout SECONDS
                      time a connection has to send a request's complete headers,
                      counted from its opening or its previous answer (default
                      10; 0 turns it off): slow clients cannot hold connections
      --public-url URL
                      where learners reach the server (https://school.example/):
                      canonical links, a sitemap, and the verification address
                      printed on certificates
      --lrs URL       forward every lesson completion and quiz attempt as xAPI
                      statements to this record store (its endpoint, e.g.
                      https://lrs.example/xapi/, or another lectern serve's
                      http://central:8080/api/v1/xapi/); they wait in the
                      database while it is unreachable, and leave it once
      --files DIR     where uploads are kept (default: lectern-files beside the
                      database); instances sharing a PostgreSQL database must
                      share it too
      --scorm-dir DIR host the SCORM 1.2/2004 ZIPs in this folder at start and
                      on each reload, checked as uploads are (refused ones are
                      named in the log)
      --scorm-port N  the second port, a separate origin, that serves hosted
                      SCORM packages' files and their runtime to the kiosk's
                      player page (default: --port + 1; 'off' plays none)
      --scorm-origin URL
                      where browsers reach that port when it is not the kiosk's
                      host name on --scorm-port (https://scorm.school.example
                      behind a reverse proxy)
      --lrs-credentials FILE
                      a file holding the record store's 'key:secret' (HTTP
                      Basic; for a Lectern server, an administrator's
                      'username:password'); keep it private (0600)
      --max-upload-mb N
                      the largest file a learner may hand in for an assignment
                      (default 50), whatever the assignment's max_file_mb says
      --submission-mb N
                      all files of one submission together (default 100; at
                      most 10 files)
      --learner-files-mb N
                      all files one learner has handed in (default 500)
      --files-budget-mb N
                      all handed-in files of the server together (default
                      10240): past it, uploads are refused with 507
    5 failed sign-ins lock the account for 15 minutes from that client address.
    The client address (the socket's peer, or the one a trusted proxy names) is
    the one the access log, the rate limits, the lockout and the activity log use.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try ServeConfig.arguments(words, options: ServeSettings.optionNames)
        let settings = try ServeSettings(arguments)
        var (keepDays, minimumFree, options) = (settings.keepActivityDays, settings.minimumFreeMB, settings.server)
        guard !settings.courses.isEmpty else { throw UsageError("name the course folders to serve (or 'courses = …' in the config file)") }
        guard let sources = CourseLoading.load(settings.courses, includeDrafts: false, command: name) else { return ExitCode.failure }
        if settings.publicURL == nil, let course = sources.first(where: { $0.course.certificate != nil }) {
            Output.error("lectern serve: note: \(course.course.slug) issues certificates, and without --public-url they print no address to verify them at")
        }
        let database = settings.database
        let (location, postgres) = (settings.databaseLocation, settings.postgres)
        let shownDatabase = postgres ? Store.withoutPassword(location) : database.path
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        if let site = settings.site {
            if let problem = ServedCourses.siteProblem(URL(fileURLWithPath: site)) {
                Output.error("lectern serve: \(problem)")
                return ExitCode.failure
            }
        } else {
            do {
                // Private and unpredictable: another local user cannot plant a site for this server to serve.
                temporary = try PrivateTemporaryFolder.make(prefix: "lectern-serve-").get()
            } catch {
                Output.error("lectern serve: \(error)")
                return ExitCode.failure
            }
        }
        let server: HTTPServer
        let stop: StopSignal
        let hangup: ReloadSignal
        let store: Store
        let courses: ServedCourses
        let accessLog = AccessLog()
        var reloadSeen: Int
        var scormServer: HTTPServer?
        defer { scormServer?.stop() }
        do {
            if !postgres { try FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true) }
            store = try Store(path: postgres ? location : database.path, minimumFreeBytes: minimumFree << 20)
            // Bounded: a large database starts anyway, unchecked, rather than keeping the kiosk down.
            switch store.checkIntegrity(within: 3) {
            case .ok: break
            case .damaged(let problems): Output.error("lectern serve: warning: \(shownDatabase) is damaged: \(problems.joined(separator: "; ")); /api/v1/ready answers 503")
            case .unfinished: Output.error("lectern serve: warning: the integrity check of \(database.path) did not finish in 3 seconds; run 'sqlite3 \(database.path) \"PRAGMA quick_check\"'")
            }
            // Every instance on one PostgreSQL database must verify the tokens the others sign.
            let tokens = postgres ? try TokenService(store: store) : try TokenService(secretPath: settings.secret.path)
            // Read before building: a reload asked for during the build is done after it.
            reloadSeen = (try? store.latestCourseReload()) ?? 0
            courses = ServedCourses(settings: settings, store: store, tokens: tokens, workFolder: temporary) { accessLog.write($0) }
            let starting = StartingServer { accessLog.write($0) }
            options.uploadFolder = try UploadFolder.prepare(settings.files).path
            options.bodyHandling = { method, path, headers in
                courses.api?.bodyHandling(method: method, rawPath: path, headers: headers) ?? .inMemory
            }
            server = try HTTPServer(options: options) { request in
                if let api = courses.api { return api.handle(request) }
                return starting.handle(request)
            }
            // Listening for Ctrl-C, SIGTERM and SIGHUP before saying we listen: a signal sent then is not lost.
            stop = StopSignal()
            hangup = ReloadSignal()
            Output.print("Serving on http://\(options.host):\(server.port)/ (API at /api/v1, database \(shownDatabase))")
            if let port = settings.scormPort {
                do {
                    let (player, address) = try ScormPlayerServing.start(settings, port: port, kioskPort: server.port, base: options)
                    scormServer = player
                    courses.scormPlayer.withLock { $0 = address }
                    Output.print("SCORM packages play from http://\(options.host):\(player.port)/" + (address.origin.map { " (\($0))" } ?? ""))
                } catch where !settings.scormPortChosen {
                    // The default port (--port + 1) being taken must not keep a kiosk from starting: only
                    // hosted packages cannot play, and the player page says so.
                    Output.error("lectern serve: hosted SCORM packages cannot play: port \(port) is busy (\(error)); "
                                 + "choose one with --scorm-port N, or say --scorm-port off")
                }
            }
            fflush(nil)
        } catch {
            Output.error("lectern serve: \(error)")
            return ExitCode.failure
        }
        // Built after listening, so a slow course does not keep the port closed on a restart.
        do {
            try courses.serve(sources, reload: reloadSeen)
        } catch {
            Output.error("lectern serve: \(error)")
            server.stop()
            store.close()
            accessLog.flush()
            return ExitCode.failure
        }
        ScormHosting.hostFolder(settings, store: store, served: courses)
        if settings.watch { courses.watchFiles(stop: stop) }
        if let lrs = settings.lrs {
            let credentials: String?
            do {
                credentials = try settings.lrsCredentials.map { try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
            } catch {
                Output.error("lectern serve: cannot read --lrs-credentials: \(error.localizedDescription)")
                server.stop()
                store.close()
                return ExitCode.failure
            }
            let home = settings.publicURL ?? XAPIStatements.defaultHomePage
            let forwarder = XAPIForwarder(store: store, endpoint: lrs, credentials: credentials,
                                          statements: { XAPIStatements(homePage: home, courses: courses.api?.catalogCourses ?? sources.map(\.course)) },
                                          log: { Output.error($0) })
            forwarder.start { stop.requested }
        }
        var (pruned, polled) = (Date.distantPast, Date())
        while !stop.requested {
            if Date().timeIntervalSince(pruned) >= 86400 {
                pruned = Date()
                do { try store.pruneActivity(olderThanDays: keepDays) } catch { Output.error("lectern serve: cannot prune the activity log: \(error)") }
                do { try store.pruneNotifications(olderThanDays: settings.keepNotificationDays) } catch {
                    Output.error("lectern serve: cannot prune old notifications: \(error)")
                }
            }
            if hangup.take() {
                // Recorded in the database, so every other instance on it reloads too.
                do {
                    reloadSeen = try store.requestCourseReload(by: "SIGHUP to pid \(getpid()) on \(ProcessInfo.processInfo.hostName)")
                } catch {
                    Output.error("lectern serve: cannot tell the other instances to reload: \(error)")
                }
                courses.reload(reloadSeen, cause: "reload request \(reloadSeen), SIGHUP")
                ScormHosting.hostFolder(settings, store: store, served: courses)
            } else if courses.takeFileChange() {
                // This instance's files: the other instances watch their own.
                courses.reload(reloadSeen, cause: "the course files changed")
            } else if Date().timeIntervalSince(polled) >= reloadPollSeconds || courses.reloads.takeWakeUp() {
                polled = Date()
                // A database that cannot be read now is reported by /api/v1/ready; the next poll tries again.
                if let latest = try? store.latestCourseReload(), latest > reloadSeen {
                    reloadSeen = latest
                    courses.reload(latest, cause: "reload request \(latest)")
                    ScormHosting.hostFolder(settings, store: store, served: courses)
                }
                courses.removeRetiredSites()
            }
            usleep(100_000)
        }
        server.stop()
        store.close()
        accessLog.flush()
        Output.error("stopped")
        return ExitCode.ok
    }

    /// Seconds between looks at the database for a reload another instance was asked for.
    static let reloadPollSeconds: TimeInterval = 2
}
