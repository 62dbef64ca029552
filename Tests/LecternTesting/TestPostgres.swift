import Foundation

/// The databases the server's store tests run against: each such test runs once per kind.
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// The kinds a test runs on: both, unless PostgreSQL is not installed and not required
    /// (LECTERN_REQUIRE_POSTGRES=1), when a note says the PostgreSQL runs are left out.
    public static let tested: [StoreKind] = {
        let bin = ProcessInfo.processInfo.environment["LECTERN_POSTGRES_BIN"] ?? "/usr/lib/postgresql/15/bin"
        if FileManager.default.isExecutableFile(atPath: bin + "/initdb") || ProcessInfo.processInfo.environment["LECTERN_REQUIRE_POSTGRES"] == "1" {
            return allCases
        }
        print("note: no PostgreSQL server in \(bin): the server tests run on SQLite only (LECTERN_REQUIRE_POSTGRES=1 makes this a failure)")
        return [.sqlite]
    }()
}

/// A throwaway PostgreSQL 15 cluster for this test process: made with initdb in a temporary folder (as the
/// `postgres` system user when the tests run as root, since PostgreSQL refuses to run as root), listening
/// only on a Unix socket in that folder, stopped and removed at exit. Each test gets a fresh database.
/// Without PostgreSQL installed the PostgreSQL runs of store tests say so and pass, unless
/// LECTERN_REQUIRE_POSTGRES=1 (scripts/test sets it), when they fail.
public final class TestPostgres: Sendable {
    public let folder: String
    private let bin: String
    private let asUser: [String]
    private let counter = Counter()

    public static let shared: Swift.Result<TestPostgres, TestPostgresError> = Swift.Result { () throws(TestPostgresError) in try TestPostgres() }

    /// Where a store test keeps its database: an SQLite file in `folder`, or a new PostgreSQL database's URL.
    /// nil when PostgreSQL is missing and not required (the reason is printed).
    public static func location(_ kind: StoreKind, in folder: URL, name: String) throws -> String? {
        switch kind {
        case .sqlite: return folder.appendingPathComponent(name + ".db").path
        case .postgres:
            switch shared {
            case .success(let cluster): return try cluster.makeDatabase()
            case .failure(let error):
                if ProcessInfo.processInfo.environment["LECTERN_REQUIRE_POSTGRES"] == "1" { throw error }
                print("note: PostgreSQL run of a store test not done: \(error) (LECTERN_REQUIRE_POSTGRES=1 makes this a failure)")
                return nil
            }
        }
    }

    private init() throws(TestPostgresError) {
        bin = ProcessInfo.processInfo.environment["LECTERN_POSTGRES_BIN"] ?? "/usr/lib/postgresql/15/bin"
        guard FileManager.default.isExecutableFile(atPath: bin + "/initdb") else {
            throw TestPostgresError("no PostgreSQL server in \(bin) (install the Debian package postgresql)")
        }
        var template = Array("/tmp/lectern-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestPostgresError("cannot make a temporary folder") }
        folder = String(cString: made)
        if getuid() == 0 {
            guard let account = getpwnam("postgres") else { throw TestPostgresError("running as root and there is no postgres user to run PostgreSQL as") }
            chown(folder, account.pointee.pw_uid, account.pointee.pw_gid)
            asUser = ["/usr/sbin/runuser", "-u", "postgres", "--"]
        } else {
            asUser = []
        }
        // No fsync and no full-page writes: a test cluster's data need not survive a power cut.
        try run(bin + "/initdb", ["-D", folder + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        try startServer()
        Self.started = self
        atexit {
            guard let cluster = TestPostgres.started else { return }
            _ = try? cluster.run(cluster.bin + "/pg_ctl", ["-D", cluster.folder + "/data", "-m", "immediate", "stop"])
            try? FileManager.default.removeItem(atPath: cluster.folder)
        }
    }

    nonisolated(unsafe) private static var started: TestPostgres?

    /// The URL libpq connects with to database `name` of this cluster.
    public func url(_ name: String) -> String { "postgresql:///\(name)?host=\(folder)&user=postgres" }

    /// A new, empty database; its URL.
    public func makeDatabase() throws -> String {
        let name = "test_\(getpid())_\(counter.next())"
        try psql("CREATE DATABASE \(name) TEMPLATE template0 STRATEGY FILE_COPY")
        return url(name)
    }

    /// Runs SQL in the cluster's `postgres` database.
    public func psql(_ sql: String, database: String = "postgres") throws {
        try run(bin + "/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", folder, "-U", "postgres", "-d", database, "-c", sql], asPostgres: false)
    }

    /// Starts the server with posix_spawn rather than `Process`: Foundation learns that a child ended when a
    /// socket the child inherited closes, and the server pg_ctl leaves running would inherit it too and
    /// keep it open. Every descriptor above 2 is closed in the child for the same reason.
    private func startServer() throws(TestPostgresError) {
        let command = asUser + [bin + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/log", "-w", "-o",
                                "-k \(folder) -c listen_addresses= -p 5432 -F -c full_page_writes=off -c max_connections=500", "start"]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, folder + "/pg_ctl.out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc 2.34's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not declare.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            throw TestPostgresError("this C library has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later needed)")
        }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        var arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, command[0], &actions, nil, &arguments, environ) == 0 else { throw TestPostgresError("cannot run pg_ctl") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw TestPostgresError("pg_ctl start failed: " + ((try? String(contentsOfFile: folder + "/pg_ctl.out", encoding: .utf8)) ?? ""))
        }
    }

    /// Output goes to a file, not a pipe: the server pg_ctl starts outlives it, and a pipe it inherited
    /// would never reach end-of-file.
    private func run(_ tool: String, _ arguments: [String], asPostgres: Bool = true) throws(TestPostgresError) {
        let command = (asPostgres ? asUser : []) + [tool] + arguments
        let outputPath = folder + "/" + UUID().uuidString + ".out"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil), let output = FileHandle(forWritingAtPath: outputPath) else {
            throw TestPostgresError("cannot write \(outputPath)")
        }
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { throw TestPostgresError("cannot run \(tool): \(error)") }
        process.waitUntilExit()
        try? output.close()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw TestPostgresError("\(tool) \(arguments.joined(separator: " ")) failed: \(text)")
        }
    }
}

public struct TestPostgresError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.withLock { value += 1; return value } }
}
