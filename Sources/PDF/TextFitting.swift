/// Lays out one line of certificate text within a width: pure arithmetic over a width function, so it is
/// tested without a PDF.
enum TextFitting {
    /// The largest size from `size` down to `minimum` (in half points) at which `text` fits on one line; at
    /// `minimum`, the text wrapped at spaces onto up to `maxLines` lines; failing that, smaller still until
    /// it fits (a single long word never runs off the page).
    /// - Parameter emWidth: the width of some UTF-8 text in ems (points at size 1).
    static func fit(_ text: String, maxWidth: Float, size: Float, minimum: Float, maxLines: Int,
                    emWidth: ([UInt8]) -> Float) -> (lines: [String], size: Float) {
        func width(_ line: String, _ size: Float) -> Float { emWidth(Array(line.utf8)) * size }
        var candidate = size
        while candidate > minimum {
            if width(text, candidate) <= maxWidth { return ([text], candidate) }
            candidate -= 0.5
        }
        candidate = minimum
        while candidate > 2 {
            let lines = wrap(text, maxLines: maxLines) { width($0, candidate) <= maxWidth }
            if lines.allSatisfy({ width($0, candidate) <= maxWidth }) { return (lines, candidate) }
            candidate -= 0.5
        }
        return ([text], candidate)
    }

    /// Greedy wrapping of text without spaces (an address): each line as long as `fits` allows, ended just
    /// after the last of `breaks` in it when there is one, else where it is full.
    static func breakAnywhere(_ text: String, preferringAfter breaks: String, fits: (String) -> Bool) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            guard !current.isEmpty, !fits(current + String(character)) else {
                current.append(character)
                continue
            }
            if let cut = current.lastIndex(where: { breaks.contains($0) }), current.index(after: cut) != current.endIndex {
                lines.append(String(current[...cut]))
                current = String(current[current.index(after: cut)...]) + String(character)
            } else {
                lines.append(current)
                current = String(character)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Greedy wrapping at spaces; the last line takes whatever is left.
    static func wrap(_ text: String, maxLines: Int, fits: (String) -> Bool) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let joined = current.isEmpty ? word : current + " " + word
            if current.isEmpty || fits(joined) || lines.count == maxLines - 1 {
                current = joined
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
