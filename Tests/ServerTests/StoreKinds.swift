import Foundation
import LecternTesting
@testable import Server

/// A new store of `kind` for one test: an SQLite file in `folder`, or a fresh database on the test
/// process's PostgreSQL cluster. nil only when PostgreSQL is missing and not required (said on the output).
func makeStore(_ kind: StoreKind, in folder: TemporaryCourse, name: String) throws -> Store? {
    guard let location = try TestPostgres.location(kind, in: folder.url, name: name) else { return nil }
    return try Store(path: location)
}
