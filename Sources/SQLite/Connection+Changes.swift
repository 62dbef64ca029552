internal import CSQLite

/// Hearing about changes: rows this connection changes, and commits made by other connections.
extension Connection {
    /// Calls `handler` with the table name and row id of every row this connection inserts, updates or
    /// deletes (`sqlite3_update_hook`), while the statement runs, before its transaction commits.
    /// One handler per connection; a later call replaces it.
    public func onRowChange(_ handler: @escaping (_ table: String, _ rowID: Int64) -> Void) {
        let box = ChangeHandler(handler)
        changeHandler = box
        // Unretained: `changeHandler` keeps the box as long as the connection, which removes the hook in `close`.
        sqlite3_update_hook(handle, { context, _, _, table, rowID in
            guard let context, let table else { return }
            Unmanaged<ChangeHandler>.fromOpaque(context).takeUnretainedValue().handler(String(cString: table), rowID)
        }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// A number that changes when another connection, in this process or another, has committed since
    /// it was last read (`PRAGMA data_version`); this connection's own commits leave it as it is.
    public var dataVersion: Int {
        get throws { try prepare("PRAGMA data_version").first { $0.int(0) } ?? 0 }
    }
}

final class ChangeHandler {
    let handler: (String, Int64) -> Void
    init(_ handler: @escaping (String, Int64) -> Void) { self.handler = handler }
}
