import SQLite

extension Store {
    /// Folds every account's email and username to its `Identity` form, oldest account first, so when two
    /// rows fold alike the older keeps the name and the newer is left as it was and flagged
    /// (`identity_conflict`). Runs at every start: it changes only rows not yet folded, and takes one scan.
    func foldIdentities() throws {
        try write { db in
            let rows = try db.prepare("SELECT id, email, username, identity_conflict FROM \"user\" WHERE deleted = 0 ORDER BY id")
                .rows([]) { ($0.int(0), $0.string(1) ?? "", $0.string(2) ?? "", $0.string(3)) }
            for (id, email, username, flagged) in rows {
                var conflicts: [String] = []
                for (column, value, folded) in [("email", email, Identity.email(email)), ("username", username, Identity.username(username))]
                where folded != value {
                    if try Self.taken(column, folded, except: id, db) {
                        conflicts.append(column)
                    } else {
                        try db.prepare("UPDATE \"user\" SET \(column) = ? WHERE id = ?").run([.text(folded), .integer(Int64(id))])
                    }
                }
                if Identity.lookAlikeProblem(Identity.username(username)) != nil { conflicts.append("look-alike") }
                let flag = conflicts.isEmpty ? nil : conflicts.joined(separator: ",")
                guard flag != flagged else { continue }
                try db.prepare("UPDATE \"user\" SET identity_conflict = ? WHERE id = ?").run([flag.map { .text($0) } ?? .null, .integer(Int64(id))])
            }
        }
    }

    /// Accounts whose email or username could not be folded, or that the look-alike policy refuses: id → why.
    public func identityConflicts() throws -> [Int: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try db.prepare("SELECT id, identity_conflict FROM \"user\" WHERE identity_conflict IS NOT NULL")
                .rows([]) { ($0.int(0), $0.string(1) ?? "") })
        }
    }
}
