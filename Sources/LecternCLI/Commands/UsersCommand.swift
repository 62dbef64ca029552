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
           lectern users import ROSTER.csv [--partial] [--db lectern.db]
           lectern users grant-attempt LOGIN COURSE QUIZ [--count 1] [--db lectern.db]

    'add' and 'reset-password' read the password from the first line of standard input
    (so it stays out of the shell history): echo 'a long passphrase' | lectern users add --email …
    'disable' and 'reset-password' sign the account out everywhere. LOGIN is a username or an email.
    'import' reads a CSV (RFC 4180) with a header line naming email and username, and
    any of name, role, password, class and courses. A row creates an account (a new one
    needs a password; role defaults to student; approved at once) or updates the account
    that has both its email and username (name, role and password when given). 'class'
    puts the learner in that class (created when new; staff rows become its instructors)
    and 'courses' (slugs separated by ';') enrolls the learner and gives the class those
    courses; a class member is enrolled in every course of the class. Everything happens
    in one transaction: when any row is bad, each is reported as ROSTER.csv:LINE: and
    nothing changes; with --partial the good rows are kept and the bad ones listed.
    'reset-password --first-use' prints a new first-use password instead of reading one: the learner
    must choose their own at the next sign-in.
    'cards' writes printable sign-in cards (eight to an A4 page): each account's name, username and a new
    first-use password, and the kiosk's address URL as text and as a QR code.
    'grant-attempt' gives a learner COUNT more attempts at a quiz (COURSE is the course's slug, QUIZ the
    quiz's id) than its max_attempts allows; the activity log records it.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--first-use", "--all-students", "--partial"],
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
                return try importRoster(arguments.positionals[1], into: store, partial: arguments.flags.contains("--partial"))
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

    /// Imports a roster in one transaction; reports each bad row at its line.
    static func importRoster(_ path: String, into store: Store, partial: Bool) throws -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Output.error("lectern users: cannot read \(path)")
            return ExitCode.failure
        }
        let outcome: RosterImport.Outcome
        do {
            outcome = try RosterImport(store: store).run(text, partial: partial)
        } catch let error as CSVError {
            Output.error("\(path):\(error.line):\(error.column): error: \(error.message)")
            return ExitCode.failure
        }
        for problem in outcome.problems { Output.error("\(path):\(problem.line):1: error: \(TerminalText.escaped(problem.message))") }
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : noun.hasSuffix("s") ? "es" : "s")" }
        if outcome.committed {
            let refused = outcome.problems.isEmpty ? "" : ", \(outcome.problems.count) refused"
            Output.print("imported \(count(outcome.created + outcome.updated, "account"))\(refused) (\(outcome.created) new, \(outcome.updated) updated), "
                         + "\(count(outcome.classesCreated, "new class")), \(count(outcome.enrollments, "new enrollment"))")
        } else {
            Output.print("imported nothing: \(count(outcome.problems.count, "row")) refused (fix them, or keep the good rows with --partial)")
        }
        return outcome.problems.isEmpty ? ExitCode.ok : ExitCode.failure
    }
}
