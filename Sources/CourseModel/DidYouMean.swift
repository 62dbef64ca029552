/// "did you mean" suggestions for misspelled keys, values, commands and options.
public enum DidYouMean {
    /// The candidate closest to `word`, when it is close enough to be a likely typo: a few edits away
    /// (a swap of neighbours counts as one edit) or `word` cut short (`mastery` → `mastery_score`).
    public static func suggestion(for word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let limit = max(1, min(3, word.count / 3))
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit { return best.0 }
        guard lowered.count >= 4 else { return nil }
        return candidates.first { $0.lowercased().hasPrefix(lowered) }
    }

    /// Optimal string alignment distance: Levenshtein plus transpositions of adjacent characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
