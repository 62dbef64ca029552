import Foundation

/// The databases the server's store tests run against: each such test runs once per kind.
public enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres
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
        try run(bin + "/pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-o",
                                  "-k \(folder) -c listen_addresses= -p 5432 -F -c full_page_writes=off -c max_connections=500", "start"])
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

    private func run(_ tool: String, _ arguments: [String], asPostgres: Bool = true) throws(TestPostgresError) {
        let command = (asPostgres ? asUser : []) + [tool] + arguments
        do {
            let (status, output) = try runTool(command[0], Array(command.dropFirst()))
            guard status == 0 else { throw TestPostgresError("\(tool) \(arguments.joined(separator: " ")) failed: \(output)") }
        } catch let error as TestPostgresError {
            throw error
        } catch {
            throw TestPostgresError("cannot run \(tool): \(error)")
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
