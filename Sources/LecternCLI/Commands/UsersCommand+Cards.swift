import Foundation
import Server

/// `lectern users cards`: printable sign-in cards, each account given a new first-use password.
extension UsersCommand {
    static func cards(_ arguments: Arguments, store: Store) throws -> Int32 {
        let logins = Array(arguments.positionals.dropFirst())
        guard let out = arguments.options["--out"] else { throw UsageError("cards needs --out FILE.pdf") }
        guard let url = arguments.options["--url"] else {
            throw UsageError("cards needs --url, the kiosk's address the children type (and the QR code opens), e.g. --url http://kiosk.local:8080/")
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), !url.contains(where: \.isWhitespace) else {
            throw UsageError("--url must be an http:// or https:// address without spaces")
        }
        let users: [User]
        if arguments.flags.contains("--all-students") {
            guard logins.isEmpty else { throw UsageError("name accounts or give --all-students, not both") }
            users = try store.students()
            guard !users.isEmpty else {
                Output.error("lectern users: there are no student accounts to make cards for")
                return ExitCode.failure
            }
        } else {
            guard !logins.isEmpty else { throw UsageError("cards needs the usernames (or emails) of the accounts, or --all-students") }
            var found: [User] = []
            for login in logins {
                let user = try store.account(login: login)
                if !found.contains(where: { $0.id == user.id }) { found.append(user) }
            }
            users = found
        }
        // Written aside and moved into place: a failed run leaves no half file, and no password was changed.
        let destination = URL(fileURLWithPath: out)
        let pdf = try Accounts(store: store).signInCards(for: users, address: url)
        try Data(pdf).write(to: destination, options: .atomic)
        // The file holds passwords: readable by its owner only.
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: destination.path)
        Output.print("wrote \(users.count) sign-in card\(users.count == 1 ? "" : "s") to \(TerminalText.escaped(out)); "
                     + "each account has a new first-use password, to be changed at the first sign-in")
        return ExitCode.ok
    }
}
