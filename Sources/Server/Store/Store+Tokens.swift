import Foundation
import SQLite

/// What presenting a refresh token found.
enum RefreshOutcome: Equatable {
    case valid(userID: Int, family: String)
    /// A token already exchanged: someone replayed it, so its whole family is now revoked.
    case reused
    case invalid
}

extension Store {
    func storeRefreshToken(hash: String, userID: Int, family: String, expiresAt: Int) throws {
        try write { db in
            try db.prepare("INSERT INTO refresh_token (token_hash, user_id, family, expires_at) VALUES (?, ?, ?, ?)")
                .run([.text(hash), .integer(Int64(userID)), .text(family), .integer(Int64(expiresAt))])
        }
    }

    /// Spends a refresh token (each works once). Presenting a spent one revokes its family: the rotation
    /// scheme's defence against stolen tokens.
    func spendRefreshToken(hash: String, now: Int) throws -> RefreshOutcome {
        try write { db in
            guard let (userID, family, expires, used, revoked) = try db.prepare(
                "SELECT user_id, family, expires_at, used_at, revoked FROM refresh_token WHERE token_hash = ?")
                .first([.text(hash)], { ($0.int(0), $0.string(1) ?? "", $0.int(2), !$0.isNull(3), $0.int(4) != 0) }) else { return .invalid }
            if used {
                try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE family = ?").run([.text(family)])
                return .reused
            }
            guard !revoked, expires > now else { return .invalid }
            try db.prepare("UPDATE refresh_token SET used_at = ? WHERE token_hash = ?").run([.integer(Int64(now)), .text(hash)])
            return .valid(userID: userID, family: family)
        }
    }

    func revokeFamily(ofTokenHash hash: String) throws {
        try write { db in
            try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE family = (SELECT family FROM refresh_token WHERE token_hash = ?)")
                .run([.text(hash)])
        }
    }
}
