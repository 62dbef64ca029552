import CourseModel
import Foundation
import HTTP
import Server
import SiteBuilder

/// `lectern serve DIR...`: the kiosk server, the built courses and the JSON API with accounts.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "serve courses with accounts and progress (kiosk server)"
    static let help = """
    Usage: lectern serve DIR... [--host 127.0.0.1] [--port 8080] [--db lectern.db] [--theme NAME|DIR] [--site OUT]
                         [--rate-limit 600] [--account-rate-limit 300] [--sign-in-rate-limit 20]
                         [--trusted-proxy ADDR[,ADDR]] [--keep-activity-days 365]

    Builds the courses (quiz answers stay on the server), or serves a site built
    before with --site, and answers the JSON API under /api/v1: accounts and
    tokens, the catalog, enrollments, progress and quizzes graded on the server.
    Data is kept in an SQLite database; the token signing secret is made on first
    start next to it (lectern-secret.key). Stop with Ctrl-C or SIGTERM: requests
    in progress finish.

    Options:
      --host HOST     the address to listen on (default 127.0.0.1)
      --port N        the port (default 8080; 0 picks a free one)
      --db FILE       the SQLite database (default lectern.db)
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
    5 failed sign-ins lock the account for 15 minutes from that client address.
    The client address (the socket's peer, or the one a trusted proxy names) is
    the one the access log, the rate limits, the lockout and the activity log use.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--host", "--port", "--db", "--site", "--theme", "--rate-limit", "--account-rate-limit",
                                                          "--sign-in-rate-limit", "--trusted-proxy", "--keep-activity-days"])
        guard let port = Int(arguments.options["--port"] ?? "8080"), (0...65535).contains(port) else {
            throw UsageError("--port must be a number from 0 to 65535")
        }
        guard let keepDays = Int(arguments.options["--keep-activity-days"] ?? "365"), (1...36_500).contains(keepDays) else {
            throw UsageError("--keep-activity-days must be a number from 1 to 36500")
        }
        var limits = RateLimits()
        for (option, keyPath) in [("--rate-limit", \RateLimits.perAddress), ("--account-rate-limit", \RateLimits.perAccount),
                                  ("--sign-in-rate-limit", \RateLimits.signInsPerAddress)] {
            guard let text = arguments.options[option] else { continue }
            guard let number = Int(text), (0...1_000_000).contains(number) else { throw UsageError("\(option) must be a number from 0 to 1000000") }
            limits[keyPath: keyPath] = number == 0 ? nil : number
        }
        let proxies: TrustedProxies
        do {
            proxies = try TrustedProxies(arguments.options["--trusted-proxy"].map { $0.split(separator: ",").map(String.init) } ?? [])
        } catch {
            throw UsageError("--trusted-proxy: \(error)")
        }
        guard !arguments.positionals.isEmpty else { throw UsageError("name the course folders to serve") }
        guard let sources = CourseLoading.load(arguments.positionals, includeDrafts: false, command: name) else { return ExitCode.failure }
        let database = URL(fileURLWithPath: arguments.options["--db"] ?? "lectern.db").standardizedFileURL
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let siteFolder: URL
        if let site = arguments.options["--site"] {
            siteFolder = URL(fileURLWithPath: site)
            // The server grades quizzes: a site whose pages carry the answers would give them away.
            if let page = pageWithAnswers(in: siteFolder) {
                Output.error("lectern serve: \(page) holds quiz answers; build the site with 'lectern build --server-grading', or let 'lectern serve' build it")
                return ExitCode.failure
            }
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-serve-\(getpid())")
            temporary = folder
            siteFolder = folder.appendingPathComponent("site")
            do {
                // Served sites grade quizzes on the server: no answer reaches the browser.
                let site = try SiteBuilder.build(sources, options: SiteOptions(theme: arguments.options["--theme"], gradeInBrowser: false))
                try site.write(to: siteFolder)
            } catch {
                Output.error("lectern serve: \(error)")
                return ExitCode.failure
            }
        }
        // Explanations and choice feedback go out with graded attempts, rendered as the pages render them.
        let feedback: [String: [String: [String: QuestionFeedback]]]
        do {
            feedback = try SiteBuilder.quizFeedback(sources, options: SiteOptions(theme: arguments.options["--theme"], gradeInBrowser: false))
        } catch {
            Output.error("lectern serve: \(error)")
            return ExitCode.failure
        }
        let server: HTTPServer
        let stop: StopSignal
        let store: Store
        let accessLog = AccessLog()
        do {
            try FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
            store = try Store(path: database.path)
            let tokens = try TokenService(secretPath: database.deletingLastPathComponent().appendingPathComponent("lectern-secret.key").path)
            let api = APIServer(store: store, tokens: tokens, catalog: Catalog(sources.map(\.course), feedback: feedback), siteFolder: siteFolder,
                                limits: limits, trustedProxies: proxies) { accessLog.write($0) }
            var options = HTTPServerOptions()
            options.host = arguments.options["--host"] ?? "127.0.0.1"
            options.port = port
            server = try HTTPServer(options: options) { api.handle($0) }
            // Listening for Ctrl-C and SIGTERM before saying we are ready: a stop sent then is not lost.
            stop = StopSignal()
            Output.print("Serving on http://\(options.host):\(server.port)/ (API at /api/v1, database \(database.path))")
            fflush(nil)
        } catch {
            Output.error("lectern serve: \(error)")
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

extension ServeCommand {
    /// The first page of a built site that embeds a quiz's answer key, if any.
    static func pageWithAnswers(in folder: URL) -> String? {
        for entry in FileWalk.entries(under: folder.path) where entry.path.hasSuffix(".html") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(entry.path), encoding: .utf8) else { continue }
            if text.contains("id=\"quiz-key\"") { return folder.appendingPathComponent(entry.path).path }
        }
        return nil
    }
}
