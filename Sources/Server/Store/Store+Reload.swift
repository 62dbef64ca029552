import Foundation

extension Store {
    /// Asks every `lectern serve` on this database to reload its courses; returns the request's number.
    /// `by` says who asked, for the record (`SIGHUP to pid 412 on kiosk-3`, `lectern db reload`).
    @discardableResult
    public func requestCourseReload(by: String) throws -> Int {
        try write { db in
            try db.prepare("INSERT INTO course_reload (requested_at, requested_by) VALUES (?, ?)")
                .run([.integer(Int64(Self.now)), .text(String(by.prefix(200)))])
            return try db.prepare("SELECT max(id) FROM course_reload").first([]) { $0.int(0) } ?? 0
        }
    }

    /// The newest reload request's number, 0 before the first: an instance whose courses are older reloads.
    public func latestCourseReload() throws -> Int {
        try read { db in try db.prepare("SELECT COALESCE(max(id), 0) FROM course_reload").first([]) { $0.int(0) } ?? 0 }
    }
}
