/// The few statistics analytics need, rounded the way reports show them.
enum Statistics {
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Pearson's correlation; nil when either side does not vary (nothing to correlate).
    static func correlation(_ xs: [Double], _ ys: [Double]) -> Double? {
        guard xs.count == ys.count, xs.count > 1, let mx = mean(xs), let my = mean(ys) else { return nil }
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        guard sxx > 1e-12, syy > 1e-12 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Scores in percent counted in ten bands: 0–9.9, 10–19.9, … 90–100 (a perfect score goes in the last).
    static func bands(_ scores: [Double]) -> [Int] {
        var counts = Array(repeating: 0, count: 10)
        for score in scores { counts[min(9, max(0, Int(score / 10)))] += 1 }
        return counts
    }

    static func rounded(_ value: Double, places: Int = 1) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// `part / whole` in percent, one decimal; 0 when there is no whole.
    static func percent(_ part: Int, of whole: Int) -> Double {
        whole > 0 ? rounded(Double(part) / Double(whole) * 100) : 0
    }
}
