import Crypto
import Foundation
import PDF
import Utilities

/// Printed sign-in cards: a fresh first-use password per account, which the learner must replace at the
/// first sign-in (children at kiosks have no email to reset a password by).
extension Accounts {
    /// Letters and digits without look-alikes (no 0/O/o, 1/l/I, 5/S, 2/Z): a child copies it from paper.
    static let cardAlphabet = Array("abcdefghjkmnpqrtuvwxy346789")

    /// Three groups of four, like `k7dm-3xqa-p9wt`: 27^12 ≈ 2^57 choices, far beyond online guessing
    /// with the sign-in lockout, and short enough to type. Drawn again in the rare case the policy refuses it.
    static func firstUsePassword(for user: User) -> String {
        while true {
            let groups = (0..<3).map { _ in SecureRandom.string(4, from: cardAlphabet) }
            let password = groups.joined(separator: "-")
            if (try? PasswordPolicy.check(password, username: user.username, email: user.email)) != nil { return password }
        }
    }

    /// Gives every account in `users` a new first-use password and answers the cards as a PDF (eight to
    /// an A4 page). Nothing is changed unless every card can be printed, and every password is set in one
    /// transaction: each printed password works, or none was changed.
    /// A class's cards are this call with the class's members.
    /// - Parameter address: the kiosk's address, printed as text and as a QR code.
    /// - Throws: `SignInCardFailure` when a card cannot be printed (a name the fonts cannot set).
    public func signInCards(for users: [User], address: String, labels: SignInCardLabels = SignInCardLabels()) throws -> [UInt8] {
        let passwords = users.map(Self.firstUsePassword(for:))
        let cards = zip(users, passwords).map { SignInCard(name: $0.name, username: $0.username, password: $1, address: address) }
        let pdf: [UInt8]
        do {
            pdf = try SignInCardsPDF.make(cards, labels: labels)
        } catch {
            throw SignInCardFailure(failure: error)
        }
        // argon2id spread over every core (HashingPool): a class of 30 in about the time of a few sign-ins.
        let hashes = parallelMap(passwords) { PasswordHash.hash($0) }
        guard hashes.allSatisfy({ $0 != nil }) else { throw HashingFailure() }
        try store.setPasswords(zip(users, hashes).map { ($0.id, $1!) }, mustChange: true)
        return pdf
    }

    /// Gives one account a new first-use password (an administrator's reset for a learner who forgot
    /// theirs) and answers it, to be told or written down.
    public func resetToFirstUsePassword(userID: Int) throws -> String {
        guard let user = try store.user(id: userID) else { throw StoreError.notFound("no such account") }
        let password = Self.firstUsePassword(for: user)
        try store.setPassword(userID: userID, hash: try Self.hash(password), mustChange: true)
        return password
    }
}

/// A card that cannot be printed, said so an administrator can act (fix the name, or print it by hand).
public struct SignInCardFailure: Error, CustomStringConvertible {
    let failure: SignInCardsPDF.Failure

    public var description: String {
        guard let (line, characters) = failure.unprintable else { return "cannot make the sign-in cards: \(failure.description)" }
        let listed = characters.map { character in
            "'\(character)' (\(character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")))"
        }
        return "the sign-in cards cannot be printed: their font cannot set \(listed.joined(separator: ", ")) in '\(line)'"
    }
}
