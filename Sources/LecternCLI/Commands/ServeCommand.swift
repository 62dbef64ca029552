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
    Usage: lectern serve DIR... [--config FILE] [--host 127.0.0.1] [--port 8080] [--db lectern.db|postgres://…] [--theme NAME|DIR] [--site OUT]
                         [--rate-limit 600] [--account-rate-limit 300] [--sign-in-rate-limit 20]
                         [--trusted-proxy ADDR[,ADDR]] [--keep-activity-days 365] [--min-free-disk-mb 64]
                         [--max-connections 2048] [--max-connections-per-address 64] [--header-timeout 10]

    Listens at once, then builds the courses (quiz answers stay on the server),
    or serves a site built before with --site; until the build is done
    /api/v1/ready and every page answer 503 (/api/v1/health answers 200).
    Answers the JSON API under /api/v1: accounts and
    tokens, the catalog, enrollments, progress and quizzes graded on the server.
    Data is kept in an SQLite database; the token signing secret is made on first
    start next to it (lectern-secret.key). With --db postgres://… any number of
    instances share one PostgreSQL database, secret included (docs/postgresql.md).
    Stop with Ctrl-C or SIGTERM: requests in progress finish.

    Options:
      --config FILE   read these options from FILE, one 'key = value' a line
                      (keys are the long options without '--', plus
                      'courses = DIR[, DIR]'; '#' comments); options given on
                      the command line win. See docs/deploy.md.
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
    5 failed sign-ins lock the account for 15 minutes from that client address.
    The client address (the socket's peer, or the one a trusted proxy names) is
    the one the access log, the rate limits, the lockout and the activity log use.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try ServeConfig.arguments(words, options: ServeSettings.optionNames)
        let settings = try ServeSettings(arguments)
        let (keepDays, minimumFree, limits, options, proxies) = (settings.keepActivityDays, settings.minimumFreeMB, settings.limits,
                                                                 settings.server, settings.proxies)
        guard !settings.courses.isEmpty else { throw UsageError("name the course folders to serve (or 'courses = …' in the config file)") }
        guard let sources = CourseLoading.load(settings.courses, includeDrafts: false, command: name) else { return ExitCode.failure }
        let database = settings.database
        let (location, postgres) = (settings.databaseLocation, settings.postgres)
        let shownDatabase = postgres ? Store.withoutPassword(location) : database.path
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let siteFolder: URL
        if let site = settings.site {
            siteFolder = URL(fileURLWithPath: site)
            // The server grades quizzes: a site whose pages carry the answers would give them away.
            if let problem = ServedSiteGuard.problem(in: siteFolder) {
                Output.error("lectern serve: \(problem); build the site with 'lectern build --server-grading', or let 'lectern serve' build it")
                return ExitCode.failure
            }
        } else {
            do {
                // Private and unpredictable: another local user cannot plant a site for this server to serve.
                let folder = try PrivateTemporaryFolder.make(prefix: "lectern-serve-").get()
                temporary = folder
                siteFolder = folder.appendingPathComponent("site")
            } catch {
                Output.error("lectern serve: \(error)")
                return ExitCode.failure
            }
        }
        let server: HTTPServer
        let stop: StopSignal
        let store: Store
        let tokens: TokenService
        let accessLog = AccessLog()
        // nil until the courses are built; meanwhile `starting` answers.
        let ready = BuiltServer()
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
            tokens = postgres ? try TokenService(store: store) : try TokenService(secretPath: settings.secret.path)
            let starting = StartingServer { accessLog.write($0) }
            server = try HTTPServer(options: options) { request in
                if let api = ready.api { return api.handle(request) }
                return starting.handle(request)
            }
            // Listening for Ctrl-C and SIGTERM before saying we listen: a stop sent then is not lost.
            stop = StopSignal()
            Output.print("Serving on http://\(options.host):\(server.port)/ (API at /api/v1, database \(shownDatabase))")
            fflush(nil)
        } catch {
            Output.error("lectern serve: \(error)")
            return ExitCode.failure
        }
        // Built after listening, so a slow course does not keep the port closed on a restart.
        let siteOptions = SiteOptions(theme: settings.theme, gradeInBrowser: false)
        do {
            if temporary != nil {
                // Served sites grade quizzes on the server: no answer reaches the browser.
                try SiteBuilder.build(sources, options: siteOptions).write(to: siteFolder, gzipVariants: true)
            }
            // Explanations and choice feedback go out with graded attempts, rendered as the pages render them.
            let feedback = try SiteBuilder.quizFeedback(sources, options: siteOptions)
            let api = APIServer(store: store, tokens: tokens, catalog: Catalog(sources.map(\.course), feedback: feedback), siteFolder: siteFolder,
                                limits: limits, trustedProxies: proxies) { accessLog.write($0) }
            ready.api = api
        } catch {
            Output.error("lectern serve: \(error)")
            server.stop()
            store.close()
            accessLog.flush()
            return ExitCode.failure
        }
        var pruned = Date.distantPast
        while !stop.requested {
            if Date().timeIntervalSince(pruned) >= 86400 {
                pruned = Date()
                do { try store.pruneActivity(olderThanDays: keepDays) } catch { Output.error("lectern serve: cannot prune the activity log: \(error)") }
            }
            usleep(100_000)
        }
        server.stop()
        store.close()
        accessLog.flush()
        Output.error("stopped")
        return ExitCode.ok
    }
}

/// The API server once the courses are built, shared with the server's threads.
private final class BuiltServer: Sendable {
    /// Read by every request: a plain lock, not a priority-inheritance `Mutex` (see `Locked`).
    private let current = Locked<APIServer?>(nil)
    var api: APIServer? {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
