import CSV
import Foundation
import Server

/// `lectern users …`: accounts for a classroom, without a browser.
enum UsersCommand: Command {
    static let name = "users"
    static let summary = "add, list and change accounts of a server's database"
    static let help = """
    Usage: lectern users add --email EMAIL --username NAME [--name "Full Name"] [--role student|instructor|admin] [--db lectern.db]
           lectern users list [--db lectern.db]
           lectern users set-role LOGIN student|instructor|admin [--db lectern.db]
           lectern users approve|disable|enable LOGIN [--db lectern.db]
           lectern users reset-password LOGIN [--first-use] [--db lectern.db]
           lectern users cards LOGIN...|--all-students --url URL --out FILE.pdf [--db lectern.db]
           lectern users import ROSTER.csv [--db lectern.db]
           lectern users grant-attempt LOGIN COURSE QUIZ [--count 1] [--db lectern.db]

    'add' and 'reset-password' read the password from the first line of standard input
    (so it stays out of the shell history): echo 'a long passphrase' | lectern users add --email …
    'disable' and 'reset-password' sign the account out everywhere. LOGIN is a username or an email.
    'import' reads a CSV with a header line: email,username,name,role,password
    (role defaults to student). Accounts made here are approved at once.
    'reset-password --first-use' prints a new first-use password instead of reading one: the learner
    must choose their own at the next sign-in.
    'cards' writes printable sign-in cards (eight to an A4 page): each account's name, username and a new
    first-use password, and the kiosk's address URL as text and as a QR code.
    'grant-attempt' gives a learner COUNT more attempts at a quiz (COURSE is the course's slug, QUIZ the
    quiz's id) than its max_attempts allows; the activity log records it.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--first-use", "--all-students"],
                                      options: ["--db", "--email", "--username", "--name", "--role", "--count", "--out", "--url"])
        guard let action = arguments.positionals.first else {
            throw UsageError("name an action: add, list, set-role, approve, disable, enable, reset-password, cards, import or grant-attempt")
        }
        let store: Store
        do {
            store = try Store(path: arguments.options["--db"] ?? "lectern.db")
        } catch {
            Output.error("lectern users: \(error)")
            return ExitCode.failure
        }
        do {
            switch action {
            case "add":
                guard let email = arguments.options["--email"], let username = arguments.options["--username"] else {
                    throw UsageError("add needs --email and --username")
                }
                let password = readLine(strippingNewline: true) ?? ""
                let user = try Accounts(store: store).add(email: email, username: username, name: arguments.options["--name"] ?? "", password: password,
                                             role: try Accounts.role(arguments.options["--role"]))
                Output.print("added \(user.role.rawValue) \(TerminalText.escaped(user.username)) (id \(user.id))")
            case "list":
                let conflicts = try store.identityConflicts()
                for user in try store.allUsers() {
                    // A look-alike or clashing identity from before names were folded: for an administrator to settle.
                    let review = conflicts[user.id].map { ["review: \($0)"] } ?? []
                    Output.print(([String(user.id), user.username, user.email, user.role.rawValue, user.approved ? "approved" : "pending",
                                   user.active ? "active" : "disabled", user.name] + review).map(TerminalText.escaped).joined(separator: "\t"))
                }
            case "set-role":
                guard arguments.positionals.count == 3 else { throw UsageError("set-role needs a login and a role") }
                let user = try store.setRole(login: arguments.positionals[1], role: try Accounts.role(arguments.positionals[2]))
                Output.print("\(TerminalText.escaped(user.username)) is now \(user.role.rawValue)")
            case "approve", "disable", "enable":
                guard arguments.positionals.count == 2 else { throw UsageError("\(action) needs a login") }
                let user = try store.account(login: arguments.positionals[1])
                let changed = try store.administer(userID: user.id, role: nil, active: action == "approve" ? nil : action == "enable",
                                                   approved: action == "approve" ? true : nil)
                Output.print("\(TerminalText.escaped(user.username)) is now \(changed?.active == false ? "disabled" : changed?.approved == false ? "awaiting approval" : "active")")
            case "reset-password":
                guard arguments.positionals.count == 2 else { throw UsageError("reset-password needs a login") }
                let user = try store.account(login: arguments.positionals[1])
                if arguments.flags.contains("--first-use") {
                    let password = try Accounts(store: store).resetToFirstUsePassword(userID: user.id)
                    Output.print("\(TerminalText.escaped(user.username)) has the first-use password \(password) (to be changed at the next sign-in) and is signed out everywhere")
                } else {
                    try Accounts(store: store).resetPassword(userID: user.id, to: readLine(strippingNewline: true) ?? "")
                    Output.print("\(TerminalText.escaped(user.username)) has a new password and is signed out everywhere")
                }
            case "cards":
                return try cards(arguments, store: store)
            case "grant-attempt":
                guard arguments.positionals.count == 4 else { throw UsageError("grant-attempt needs a login, a course and a quiz") }
                guard let count = Int(arguments.options["--count"] ?? "1"), Learning.grantRange.contains(count) else {
                    throw UsageError("--count must be a number from 1 to 100")
                }
                let (username, extra) = try Learning(database: store).grantAttempts(count, at: arguments.positionals[3], in: arguments.positionals[2],
                                                                                    toLogin: arguments.positionals[1])
                Output.print("\(TerminalText.escaped(username)) has \(extra) extra attempt\(extra == 1 ? "" : "s") at \(arguments.positionals[3])")
            case "import":
                guard arguments.positionals.count == 2 else { throw UsageError("import needs the roster's path") }
                return try importRoster(arguments.positionals[1], into: store)
            default:
                throw UsageError("unknown action '\(action)'")
            }
        } catch let error as UsageError {
            throw error
        } catch {
            Output.error("lectern users: \(error)")
            return ExitCode.failure
        }
        return ExitCode.ok
    }

    /// Adds every row of a roster; reports each bad row with its line and adds the others.
    static func importRoster(_ path: String, into store: Store) throws -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Output.error("lectern users: cannot read \(path)")
            return ExitCode.failure
        }
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(text)
        } catch {
            Output.error("\(path):\(error.line):\(error.column): error: \(error.message)")
            return ExitCode.failure
        }
        let header = records.first?.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        guard ["email", "username", "password"].allSatisfy(header.contains) else {
            Output.error("\(path):1:1: error: the header must name email, username and password (and may name name and role)")
            return ExitCode.failure
        }
        var failed = 0, added = 0
        for record in records.dropFirst() {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let row = Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first })
            do {
                _ = try Accounts(store: store).add(email: row["email"] ?? "", username: row["username"] ?? "", name: row["name"] ?? "",
                                                   password: row["password"] ?? "", role: try Accounts.role(row["role"].flatMap { $0.isEmpty ? nil : $0 }))
                added += 1
            } catch let error as RuleViolation {
                Output.error("\(path):\(record.line):1: error: \(error)")
                failed += 1
            } catch let error as StoreError {
                Output.error("\(path):\(record.line):1: error: \(error)")
                failed += 1
            }
        }
        Output.print("imported \(added) account\(added == 1 ? "" : "s")\(failed > 0 ? ", \(failed) refused" : "")")
        return failed > 0 ? ExitCode.failure : ExitCode.ok
    }
}
