// SQLite's placeholders in PostgreSQL's spelling, never inside quotes or comments.
import Postgres
import Testing

@Test func questionMarksBecomeNumberedParametersOutsideQuotes() {
    #expect(Placeholders.postgres("SELECT 1 FROM t WHERE a = ? AND b = ?") == "SELECT 1 FROM t WHERE a = $1 AND b = $2")
    #expect(Placeholders.postgres("SELECT ?1 IS NULL OR x = ?1 LIMIT ?2") == "SELECT $1 IS NULL OR x = $1 LIMIT $2")
    #expect(Placeholders.postgres("SELECT '?', 'it''s ?', \"a?b\", ? -- why?\n, ?") == "SELECT '?', 'it''s ?', \"a?b\", $1 -- why?\n, $2")
    #expect(Placeholders.postgres("LIKE ? ESCAPE '\\'") == "LIKE $1 ESCAPE '\\'")
}
