import CSV
import Foundation

/// `lectern users import`: a roster (CSV with a header line) read into accounts, classes and enrollments,
/// in one transaction. Every row is checked first, so every bad row is reported at once; then nothing is
/// changed when any row is bad, unless `partial` keeps the good ones.
public struct RosterImport: Sendable {
    /// The columns a roster may have; email and username are required.
    public static let columns = ["email", "username", "name", "role", "password", "class", "courses"]

    /// A row that cannot be imported, at its line in the file (starting at 1).
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(line): \(message)" }
    }

    /// What an import did (or, when it changed nothing, what was wrong).
    public struct Outcome: Sendable, Equatable {
        public var created = 0, updated = 0, classesCreated = 0, enrollments = 0
        public var problems: [Problem] = []
        /// Whether the database was changed: never when a row was bad, unless `partial`.
        public var committed = false
    }

    /// A row checked against the rules that need no database.
    struct Row: Sendable {
        var line: Int
        var email: String, username: String, name: String
        /// nil: keep an existing account's role (a new account is a student).
        var role: Role?
        /// nil: keep an existing account's password (a new account needs one).
        var passwordHash: String?
        var className: String?
        var courses: [String]
    }

    let store: Store

    public init(store: Store) { self.store = store }

    /// Reads and applies a roster. - Throws: `CSVError` when the text is not CSV at all.
    public func run(_ text: String, partial: Bool) throws -> Outcome {
        let records = try CSVReader.records(text)
        guard let headerRecord = records.first else { return Outcome(problems: [Problem(line: 1, message: "the roster is empty")]) }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let unknown = header.first(where: { !Self.columns.contains($0) }) {
            return Outcome(problems: [Problem(line: headerRecord.line, message: "unknown column '\(unknown)' (a roster has \(Self.columns.joined(separator: ", ")))")])
        }
        guard header.contains("email"), header.contains("username") else {
            return Outcome(problems: [Problem(line: headerRecord.line, message: "the header must name email and username (and may name \(Self.columns.dropFirst(2).joined(separator: ", ")))")])
        }
        var rows: [Row] = [], problems: [Problem] = []
        for record in records.dropFirst() {
            do {
                guard record.fields.count == header.count else {
                    throw Problem(line: record.line, message: "this row has \(record.fields.count) fields, the header \(header.count)")
                }
                let fields = Dictionary(zip(header, record.fields.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { first, _ in first })
                rows.append(try Self.row(fields, line: record.line))
            } catch let problem as Problem {
                problems.append(problem)
            }
        }
        var outcome = try store.applyRoster(rows, partial: partial, problems: problems)
        outcome.problems.sort { $0.line < $1.line }
        return outcome
    }

    /// One row checked: identity, role, password (hashed), class name and course slugs.
    static func row(_ fields: [String: String], line: Int) throws(Problem) -> Row {
        func present(_ key: String) -> String? { fields[key].flatMap { $0.isEmpty ? nil : $0 } }
        do {
            let password = present("password")
            let identity = if let password {
                try Accounts.checkAccount(email: fields["email"] ?? "", username: fields["username"] ?? "", password: password)
            } else {
                try Accounts.checkIdentity(email: fields["email"] ?? "", username: fields["username"] ?? "")
            }
            let name = fields["name"] ?? ""
            try TextBounds.checkName(name)
            let role = try present("role").map { try Accounts.role($0) }
            let className = present("class")
            if let className { try Classes.checkName(className) }
            let courses = (fields["courses"] ?? "").split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace }).map(String.init)
            if let bad = courses.first(where: { !Classes.isSlug($0) }) {
                throw RuleViolation("'\(bad)' is not a course slug (lowercase letters, digits and '-'; separate courses with ';')", field: "courses")
            }
            let hash = try password.map { try Accounts.hash($0) }
            return Row(line: line, email: identity.email, username: identity.username, name: name, role: role, passwordHash: hash,
                       className: className, courses: courses)
        } catch let violation as RuleViolation {
            throw Problem(line: line, message: violation.message)
        } catch {
            throw Problem(line: line, message: "\(error)")
        }
    }
}

extension RosterImport.Problem: Error {}
