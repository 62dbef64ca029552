import Foundation
import Server

/// `lectern classes …`: a school's classes (groups of learners) without a browser, as the API does them.
enum ClassesCommand: Command {
    static let name = "classes"
    static let summary = "list, create, rename and archive classes; add or remove their members, courses and instructors"
    static let help = """
    Usage: lectern classes list [--archived] [--db lectern.db]
           lectern classes create NAME [--instructor LOGIN] [--db lectern.db]
           lectern classes show CLASS [--db lectern.db]
           lectern classes rename CLASS NEW-NAME [--db lectern.db]
           lectern classes archive|unarchive CLASS [--db lectern.db]
           lectern classes add-member|remove-member CLASS LOGIN... [--db lectern.db]
           lectern classes add-course|remove-course CLASS COURSE [--db lectern.db]
           lectern classes add-instructor|remove-instructor CLASS LOGIN [--db lectern.db]

    CLASS is a class's name or id; LOGIN a username or an email; COURSE a course's slug.
    Adding a member enrolls them in every course of the class; adding a course enrolls
    every member. Removing either leaves enrollments and progress as they are.
    An archived class keeps its members and is left out of lists (unless --archived).
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--archived"], options: ["--db", "--instructor"])
        guard let action = arguments.positionals.first else {
            throw UsageError("name an action: list, create, show, rename, archive, unarchive, add-member, remove-member, add-course, remove-course, add-instructor or remove-instructor")
        }
        let rest = Array(arguments.positionals.dropFirst())
        let store: Store
        do {
            store = try Store(path: arguments.options["--db"] ?? "lectern.db")
        } catch {
            Output.error("lectern classes: \(error)")
            return ExitCode.failure
        }
        defer { store.close() }
        do {
            switch action {
            case "list":
                for found in try store.classes(instructorID: nil, includeArchived: arguments.flags.contains("--archived")) {
                    Output.print([String(found.id), found.name, "\(found.memberCount) member\(found.memberCount == 1 ? "" : "s")",
                                  found.courses.joined(separator: " "), found.archived ? "archived" : "active"]
                        .map(TerminalText.escaped).joined(separator: "\t"))
                }
            case "create":
                guard rest.count == 1 else { throw UsageError("create needs the class's name") }
                try Classes.checkName(rest[0])
                let instructors = try arguments.options["--instructor"].map { [try store.account(login: $0).id] } ?? []
                let made = try store.createClass(name: rest[0], instructorIDs: instructors)
                Output.print("created class \(TerminalText.escaped(made.name)) (id \(made.id))")
            case "show":
                guard rest.count == 1 else { throw UsageError("show needs a class") }
                let found = try classroom(rest[0], store)
                Output.print("\(TerminalText.escaped(found.name)) (id \(found.id))\(found.archived ? ", archived" : "")")
                Output.print("courses: \(found.courses.joined(separator: " "))")
                for user in try store.instructors(classID: found.id) {
                    Output.print(["instructor", user.username, user.email, user.name].map(TerminalText.escaped).joined(separator: "\t"))
                }
                for member in try store.members(classID: found.id) {
                    Output.print(["member", member.username, member.email, member.name].map(TerminalText.escaped).joined(separator: "\t"))
                }
            case "rename":
                guard rest.count == 2 else { throw UsageError("rename needs a class and its new name") }
                try Classes.checkName(rest[1])
                let changed = try store.updateClass(id: try classroom(rest[0], store).id, name: rest[1], archived: nil)
                Output.print("renamed to \(TerminalText.escaped(changed?.name ?? rest[1]))")
            case "archive", "unarchive":
                guard rest.count == 1 else { throw UsageError("\(action) needs a class") }
                let changed = try store.updateClass(id: try classroom(rest[0], store).id, name: nil, archived: action == "archive")
                Output.print("\(TerminalText.escaped(changed?.name ?? rest[0])) is \(action == "archive" ? "archived" : "active")")
            case "add-member", "remove-member":
                guard rest.count >= 2 else { throw UsageError("\(action) needs a class and one or more logins") }
                let found = try changeable(rest[0], store)
                let users = try rest.dropFirst().map { try store.account(login: $0) }
                if action == "add-member" {
                    if let staff = users.first(where: { $0.role != .student }) {
                        throw Refusal("'\(staff.username)' is not a student account; make staff instructors with add-instructor")
                    }
                    let (added, enrollments) = try store.addMembers(classID: found.id, userIDs: users.map(\.id))
                    Output.print("added \(added.count) member\(added.count == 1 ? "" : "s") to \(TerminalText.escaped(found.name)), \(enrollments.count) new enrollment\(enrollments.count == 1 ? "" : "s")")
                } else {
                    let removed = try users.filter { try store.removeMember(classID: found.id, userID: $0.id) }.count
                    Output.print("removed \(removed) member\(removed == 1 ? "" : "s") from \(TerminalText.escaped(found.name))")
                }
            case "add-course", "remove-course":
                guard rest.count == 2 else { throw UsageError("\(action) needs a class and a course slug") }
                guard Classes.isSlug(rest[1]) else { throw UsageError("'\(rest[1])' is not a course slug") }
                let found = try changeable(rest[0], store)
                if action == "add-course" {
                    let outcome = try store.addCourse(classID: found.id, course: rest[1])
                    Output.print("\(TerminalText.escaped(found.name)) has \(rest[1]): \(outcome.created.count) enrolled, \(outcome.alreadyEnrolled.count) already enrolled")
                } else {
                    guard try store.removeCourse(classID: found.id, course: rest[1]) else { throw Refusal("\(found.name) does not have \(rest[1])") }
                    Output.print("\(TerminalText.escaped(found.name)) no longer has \(rest[1]); its members stay enrolled")
                }
            case "add-instructor", "remove-instructor":
                guard rest.count == 2 else { throw UsageError("\(action) needs a class and a login") }
                let found = try classroom(rest[0], store)
                let user = try store.account(login: rest[1])
                if action == "add-instructor" {
                    guard user.role == .instructor else { throw Refusal("'\(user.username)' is not an instructor account") }
                    _ = try store.addInstructor(classID: found.id, userID: user.id)
                    Output.print("\(TerminalText.escaped(user.username)) teaches \(TerminalText.escaped(found.name))")
                } else {
                    guard try store.removeInstructor(classID: found.id, userID: user.id) else {
                        throw Refusal("'\(user.username)' does not teach \(found.name)")
                    }
                    Output.print("\(TerminalText.escaped(user.username)) no longer teaches \(TerminalText.escaped(found.name))")
                }
            default:
                throw UsageError("unknown action '\(action)'")
            }
        } catch let error as UsageError {
            throw error
        } catch {
            Output.error("lectern classes: \(error)")
            return ExitCode.failure
        }
        return ExitCode.ok
    }

    /// Why an action cannot be done, printed as it is.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A class by name (first) or id. - Throws: `StoreError.notFound`.
    static func classroom(_ text: String, _ store: Store) throws -> Classroom {
        if let found = try store.classroom(named: text) { return found }
        if let id = Int(text), let found = try store.classroom(id: id) { return found }
        throw StoreError.notFound("no class '\(text)'")
    }

    /// A class whose members and courses may change: not archived.
    static func changeable(_ text: String, _ store: Store) throws -> Classroom {
        let found = try classroom(text, store)
        guard !found.archived else { throw Refusal("class '\(found.name)' is archived; unarchive it first") }
        return found
    }
}
