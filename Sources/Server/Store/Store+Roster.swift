import SQLite

extension Store {
    /// Applies checked roster rows in one transaction: creates or updates each account (found by email and
    /// username, which must name the same account), creates classes by name, adds members (and an
    /// instructor row's account as the class's instructor), gives the class the row's courses and enrolls
    /// the learner in them. Rows that break a rule here join `problems`; any problem rolls everything back
    /// unless `partial`, which skips the bad rows (each is checked before it writes anything).
    func applyRoster(_ rows: [RosterImport.Row], partial: Bool, problems: [RosterImport.Problem]) throws -> RosterImport.Outcome {
        struct RolledBack: Error { var outcome: RosterImport.Outcome }
        do {
            return try write { db in
                var outcome = RosterImport.Outcome(problems: problems)
                var classes = Set<Int>()
                for row in rows {
                    do {
                        if let classID = try Self.apply(row, db, &outcome) { classes.insert(classID) }
                    } catch let problem as RosterImport.Problem {
                        outcome.problems.append(problem)
                    }
                }
                // Last, so the order of the rows does not matter: every member of a class named here is
                // enrolled in every course of that class.
                for classID in classes.sorted() {
                    let members = try db.prepare("SELECT user_id FROM class_member WHERE class_id = ? ORDER BY user_id").rows([.integer(Int64(classID))]) { $0.int(0) }
                    for course in try Self.classCourses(db, classID: classID) {
                        outcome.enrollments += try Self.enroll(db, userIDs: members, course: course).created.count
                    }
                }
                if !outcome.problems.isEmpty && !partial {
                    throw RolledBack(outcome: RosterImport.Outcome(problems: outcome.problems))
                }
                outcome.committed = true
                return outcome
            }
        } catch let rolledBack as RolledBack {
            return rolledBack.outcome
        }
    }

    /// Applies one row. - Returns: the class it names.
    private static func apply(_ row: RosterImport.Row, _ db: any Database, _ outcome: inout RosterImport.Outcome) throws -> Int? {
        func refuse(_ message: String) -> RosterImport.Problem { RosterImport.Problem(line: row.line, message: message) }
        let byEmail = try db.prepare("SELECT id, deleted FROM \"user\" WHERE email = ?").first([.text(row.email)]) { ($0.int(0), $0.int(1) != 0) }
        let byName = try db.prepare("SELECT id, deleted FROM \"user\" WHERE username = ?").first([.text(row.username)]) { ($0.int(0), $0.int(1) != 0) }
        // Everything that can refuse the row is asked before it writes, so a skipped row leaves nothing behind.
        var classID: Int?
        if let name = row.className {
            let found = try db.prepare("SELECT id, archived FROM class WHERE lower(name) = lower(?)").first([.text(name)]) { ($0.int(0), $0.int(1) != 0) }
            if found?.1 == true { throw refuse("class '\(name)' is archived") }
            classID = found?.0
        }
        let userID: Int
        switch (byEmail, byName) {
        case (nil, nil):
            guard let hash = row.passwordHash else { throw refuse("a new account needs a password") }
            userID = try db.prepare("INSERT INTO \"user\" (email, username, name, password_hash, role, approved, created_at) VALUES (?, ?, ?, ?, ?, 1, ?) RETURNING id")
                .first([.text(row.email), .text(row.username), .text(row.name), .text(hash), .text((row.role ?? .student).rawValue),
                        .integer(Int64(now))]) { $0.int(0) } ?? 0
            outcome.created += 1
        case let (email?, name?) where email.0 == name.0 && !email.1:
            userID = email.0
            let key = SQLValue.integer(Int64(userID))
            if !row.name.isEmpty { try db.prepare("UPDATE \"user\" SET name = ? WHERE id = ?").run([.text(row.name), key]) }
            if let role = row.role { try db.prepare("UPDATE \"user\" SET role = ?, approved = 1 WHERE id = ?").run([.text(role.rawValue), key]) }
            if let hash = row.passwordHash {
                try db.prepare("UPDATE \"user\" SET password_hash = ? WHERE id = ?").run([.text(hash), key])
                try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE user_id = ?").run([key])
            }
            outcome.updated += 1
        case (_?, nil):
            throw refuse("email '\(row.email)' belongs to another account than username '\(row.username)'")
        case (nil, _?):
            throw refuse("username '\(row.username)' is taken by an account with another email")
        default:
            throw refuse("email '\(row.email)' and username '\(row.username)' belong to different accounts")
        }
        let role = try db.prepare("SELECT role FROM \"user\" WHERE id = ?").first([.integer(Int64(userID))]) { $0.string(0) ?? "" }
        if let name = row.className {
            if classID == nil {
                classID = try db.prepare("INSERT INTO class (name, created_at) VALUES (?, ?) RETURNING id")
                    .first([.text(name), .integer(Int64(now))]) { $0.int(0) }
                outcome.classesCreated += 1
            }
            if role == Role.student.rawValue {
                try addMember(db, classID: classID!, userID: userID)
            } else {
                try addInstructor(db, classID: classID!, userID: userID)
            }
            for course in row.courses {
                try db.prepare("INSERT INTO class_course (class_id, course) VALUES (?, ?) ON CONFLICT DO NOTHING").run([.integer(Int64(classID!)), .text(course)])
            }
        }
        // Staff rows name their class's courses; only learners are enrolled (a class's members at the end).
        if role == Role.student.rawValue && classID == nil {
            for course in row.courses where try enroll(db, userID: userID, course: course) != nil { outcome.enrollments += 1 }
        }
        return classID
    }
}
