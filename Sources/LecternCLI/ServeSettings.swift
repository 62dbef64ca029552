import Foundation
import HTTP
import Server

/// `lectern serve`'s options read and checked in one place, so the command line, a config file
/// (`ServeConfig`) and `lectern doctor` accept exactly the same names and values.
struct ServeSettings {
    /// The long options `lectern serve` takes with a value; a config file's keys are these without `--`.
    static let optionNames = ["--host", "--port", "--db", "--site", "--theme", "--rate-limit", "--account-rate-limit",
                              "--sign-in-rate-limit", "--trusted-proxy", "--keep-activity-days", "--keep-notifications-days",
                              "--min-free-disk-mb", "--max-connections", "--max-connections-per-address", "--header-timeout",
                              "--public-url", "--lrs", "--lrs-credentials", "--files",
                              "--max-upload-mb", "--submission-mb", "--learner-files-mb", "--files-budget-mb", "--scorm-dir",
                              "--scorm-port", "--scorm-origin"]

    /// The flags `lectern serve` takes; in a config file, `watch = yes`.
    static let flagNames = ["--watch"]

    var courses: [String]
    /// Reload the courses when their files change (`--watch`).
    var watch: Bool
    /// `--db` as given: a SQLite file or a `postgres://` URL.
    var databaseLocation: String
    /// Whether the store is a PostgreSQL server (then `database` and `secret` name no file).
    var postgres: Bool { Store.isPostgres(databaseLocation) }
    /// The SQLite file (for PostgreSQL, the working folder: nothing is kept there).
    var database: URL
    var site: String?
    var theme: String?
    /// Where learners reach the server, ending in `/` (`https://school.example/`): canonical links,
    /// a sitemap, and the verification address printed on certificates.
    var publicURL: String?
    /// An xAPI record store the learning records are forwarded to (`…/xapi/`), and the file holding its
    /// `key:secret` (HTTP Basic).
    var lrs: String?
    var lrsCredentials: String?
    /// Where uploads are kept (`--files`): beside the SQLite database by default. Instances sharing one
    /// PostgreSQL database must share this folder too.
    var files: URL
    /// The server's limits on handed-in files (`--max-upload-mb`, `--submission-mb`, `--learner-files-mb`,
    /// `--files-budget-mb`).
    var submissionLimits = SubmissionLimits()
    /// A folder of SCORM ZIPs hosted at start (`--scorm-dir`), checked as uploads are.
    var scormDir: URL?
    /// The port of the second origin serving hosted SCORM packages to browsers (`--scorm-port`): by default
    /// the next one after `--port` (a free one with `--port 0`); nil with `--scorm-port off`.
    var scormPort: Int?
    /// Whether `--scorm-port` was given: a chosen port that is busy stops the start, the default one does not.
    var scormPortChosen = false
    /// Where browsers reach it when that is not the kiosk's host name on `scormPort`, behind a reverse proxy
    /// (`--scorm-origin https://scorm.school.example`).
    var scormOrigin: String?
    var server = HTTPServerOptions()
    var limits = RateLimits()
    var proxies: TrustedProxies
    var keepActivityDays: Int
    /// Days a notification stays in an inbox, read or not.
    var keepNotificationDays: Int
    /// MB (2^20 bytes) the database's disk must keep free.
    var minimumFreeMB: Int64

    /// The token signing secret `lectern serve` keeps next to the database.
    var secret: URL { database.deletingLastPathComponent().appendingPathComponent("lectern-secret.key") }

    /// Checks every option on its own (none depends on another), so one option can be checked alone
    /// to place a config file's mistake on its line.
    /// - Throws: `UsageError` whose message starts with the option's name.
    init(_ arguments: Arguments) throws(UsageError) {
        courses = arguments.positionals
        watch = arguments.flags.contains("--watch")
        guard let port = Int(arguments.options["--port"] ?? "8080"), (0...65535).contains(port) else {
            throw UsageError("--port must be a number from 0 to 65535")
        }
        guard let keepDays = Int(arguments.options["--keep-activity-days"] ?? "365"), (1...36_500).contains(keepDays) else {
            throw UsageError("--keep-activity-days must be a number from 1 to 36500")
        }
        keepActivityDays = keepDays
        guard let notificationDays = Int(arguments.options["--keep-notifications-days"] ?? "180"), (1...36_500).contains(notificationDays) else {
            throw UsageError("--keep-notifications-days must be a number from 1 to 36500")
        }
        keepNotificationDays = notificationDays
        guard let minimumFree = Int64(arguments.options["--min-free-disk-mb"] ?? "64"), (0...100_000_000).contains(minimumFree) else {
            throw UsageError("--min-free-disk-mb must be a number from 0 to 100000000")
        }
        minimumFreeMB = minimumFree
        for (option, keyPath) in [("--rate-limit", \RateLimits.perAddress), ("--account-rate-limit", \RateLimits.perAccount),
                                  ("--sign-in-rate-limit", \RateLimits.signInsPerAddress)] {
            guard let text = arguments.options[option] else { continue }
            // The bound only keeps the arithmetic sane: a load test may want a budget it cannot use up.
            guard let number = Int(text), (0...1_000_000_000).contains(number) else { throw UsageError("\(option) must be a number from 0 to 1000000000") }
            limits[keyPath: keyPath] = number == 0 ? nil : number
        }
        server.host = arguments.options["--host"] ?? "127.0.0.1"
        server.port = port
        for (option, keyPath, range) in [("--max-connections", \HTTPServerOptions.maxConnections, 16...1_000_000),
                                         ("--max-connections-per-address", \HTTPServerOptions.maxConnectionsPerAddress, 0...1_000_000),
                                         ("--header-timeout", \HTTPServerOptions.headerTimeoutSeconds, 0...3600)] {
            guard let text = arguments.options[option] else { continue }
            guard let number = Int(text), range.contains(number) else {
                throw UsageError("\(option) must be a number from \(range.lowerBound) to \(range.upperBound)")
            }
            server[keyPath: keyPath] = number
        }
        do {
            proxies = try TrustedProxies(arguments.options["--trusted-proxy"].map { $0.split(separator: ",").map(String.init) } ?? [])
        } catch {
            throw UsageError("--trusted-proxy: \(error)")
        }
        databaseLocation = arguments.options["--db"] ?? "lectern.db"
        database = URL(fileURLWithPath: Store.isPostgres(databaseLocation) ? "." : databaseLocation).standardizedFileURL
        if let url = arguments.options["--public-url"] {
            guard Self.isWebAddress(url) else {
                throw UsageError("--public-url must be an http:// or https:// address without '?' or '#', such as https://school.example/courses/")
            }
            publicURL = url.hasSuffix("/") ? url : url + "/"
        }
        if let url = arguments.options["--lrs"] {
            guard Self.isWebAddress(url) else {
                throw UsageError("--lrs must be the http:// or https:// address of an xAPI record store, such as https://lrs.example/xapi/")
            }
            lrs = url
        }
        lrsCredentials = arguments.options["--lrs-credentials"]
        files = arguments.options["--files"].map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? database.deletingLastPathComponent().appendingPathComponent("lectern-files")
        var megabytes: [String: Int] = [:]
        for (option, standard) in [("--max-upload-mb", 50), ("--submission-mb", 100), ("--learner-files-mb", 500), ("--files-budget-mb", 10_240)] {
            guard let number = Int(arguments.options[option] ?? String(standard)), (1...10_000_000).contains(number) else {
                throw UsageError("\(option) must be a number from 1 to 10000000")
            }
            megabytes[option] = number
        }
        submissionLimits = SubmissionLimits(maxFileMB: megabytes["--max-upload-mb"]!, maxSubmissionMB: megabytes["--submission-mb"]!,
                                            maxLearnerMB: megabytes["--learner-files-mb"]!, maxTotalMB: megabytes["--files-budget-mb"]!)
        scormDir = arguments.options["--scorm-dir"].map { URL(fileURLWithPath: $0).standardizedFileURL }
        switch arguments.options["--scorm-port"] {
        case "off": scormPort = nil
        case nil: scormPort = port == 0 ? 0 : port == 65535 ? 65534 : port + 1
        case let text?:
            guard let number = Int(text), (0...65535).contains(number), number != port || number == 0 else {
                throw UsageError("--scorm-port must be 'off' or a number from 0 to 65535 other than the kiosk's port")
            }
            scormPort = number
            scormPortChosen = true
        }
        if let origin = arguments.options["--scorm-origin"] {
            guard Self.isWebAddress(origin), let url = URLComponents(string: origin), url.path.isEmpty || url.path == "/" else {
                throw UsageError("--scorm-origin must be an http:// or https:// origin without a path, such as https://scorm.school.example")
            }
            scormOrigin = origin.hasSuffix("/") ? String(origin.dropLast()) : origin
        }
        site = arguments.options["--site"]
        theme = arguments.options["--theme"]
    }

    /// An absolute http:// or https:// address with a host and no query or fragment: a server's address
    /// (`--public-url`, `--lrs`, `lectern export xapi --home-page`).
    static func isWebAddress(_ text: String) -> Bool {
        guard let url = URLComponents(string: text) else { return false }
        return ["http", "https"].contains(url.scheme?.lowercased() ?? "") && !(url.host ?? "").isEmpty && url.query == nil && url.fragment == nil
    }
}
