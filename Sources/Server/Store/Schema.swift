import SQLite

/// The versioned schema. Add a step for every change; never edit a step that has shipped.
enum Schema {
    static let migrations = Migrations([
        """
        CREATE TABLE user (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL DEFAULT '',
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('student', 'instructor', 'admin')),
            approved INTEGER NOT NULL DEFAULT 1,
            active INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE refresh_token (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            family TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER,
            revoked INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX refresh_token_family ON refresh_token(family);
        """,
    ])
}
