import CourseModel
import Foundation

/// `--config FILE` for `lectern serve` and `lectern doctor`: the serve options written one a line,
///
///     # /etc/lectern/serve.conf
///     courses = /srv/lectern/python, /srv/lectern/git
///     port = 8080
///
/// A key is a long option's name without `--` (`courses` lists the course folders); the value is the
/// rest of the line with spaces trimmed, no quoting; `#` starts a comment on a line of its own.
/// Relative paths are read from the file's folder. Options on the command line win over the file.
enum ServeConfig {
    /// The key naming the course folders (the command line's positional arguments).
    static let coursesKey = "courses"

    /// Parses `words` with `--config` among the options; with a config file, returns the file's options
    /// overlaid by the command line's.
    /// - Throws: `UsageError`, for a file's mistake as `FILE:LINE:COLUMN: error: message`.
    static func arguments(_ words: [String], options: [String], flags: [String] = ServeSettings.flagNames) throws(UsageError) -> Arguments {
        let given = try Arguments(words, flags: flags, options: options + ["--config"])
        guard let path = given.options["--config"] else { return given }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw UsageError("cannot read the config file \(path): \(error.localizedDescription)")
        }
        var merged = try parse(text, path: path, options: options, flags: flags)
        for (name, value) in given.options where name != "--config" { merged.options[name] = value }
        merged.flags.formUnion(given.flags)
        if !given.positionals.isEmpty { merged.positionals = given.positionals }
        return merged
    }

    /// Reads a config file's text; every value is checked by `ServeSettings` on its own line.
    static func parse(_ text: String, path: String, options: [String], flags: [String] = ServeSettings.flagNames) throws(UsageError) -> Arguments {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let flagKeys = flags.map { String($0.dropFirst(2)) }
        let keys = options.map { String($0.dropFirst(2)) } + flagKeys + [coursesKey]
        var result = Arguments(options: [:])
        var firstLine: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            let number = index + 1   // starting at 1
            func fail(_ position: Substring.Index, _ message: String) -> UsageError {
                // Columns start at 1 and count characters.
                UsageError("\(path):\(number):\(line.distance(from: line.startIndex, to: position) + 1): error: \(message)")
            }
            guard let start = line.firstIndex(where: { !$0.isWhitespace }), line[start] != "#" else { continue }
            guard let equals = line[start...].firstIndex(of: "=") else {
                throw fail(start, "expected 'key = value', found '\(line[start...].trimmingCharacters(in: .whitespaces))'")
            }
            let key = line[start..<equals].trimmingCharacters(in: .whitespaces)
            guard keys.contains(key) else {
                let suggestion = DidYouMean.suggestion(for: key, in: keys).map { " (did you mean '\($0)'?)" }
                throw fail(start, "unknown key '\(key)'" + (suggestion ?? "; keys are the long options of 'lectern serve --help' without '--', and 'courses'"))
            }
            let valueStart = line[line.index(after: equals)...].firstIndex { !$0.isWhitespace } ?? line.endIndex
            let value = line[valueStart...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw fail(valueStart, "'\(key)' has no value") }
            if key == coursesKey {
                let folders = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard !folders.contains(where: \.isEmpty) else { throw fail(valueStart, "'courses' lists an empty folder name in '\(value)'") }
                result.positionals += folders.map { resolve($0, in: folder) }
                continue
            }
            if let first = firstLine[key] { throw fail(start, "'\(key)' is set twice (first on line \(first))") }
            firstLine[key] = number
            // A flag on the command line is a yes or no in the file.
            if flagKeys.contains(key) {
                switch value.lowercased() {
                case "yes", "true", "on": result.flags.insert("--" + key)
                case "no", "false", "off": break
                default: throw fail(valueStart, "'\(key)' is yes or no, not '\(value)'")
                }
                continue
            }
            do {
                _ = try ServeSettings(Arguments(options: ["--" + key: value]))
            } catch {
                var message = error.message
                if message.hasPrefix("--" + key) { message = "'\(key)'" + message.dropFirst(key.count + 2) }
                if !message.contains("'\(value)'") { message += ", not '\(value)'" }
                throw fail(valueStart, message)
            }
            let pathValued = ["db", "site", "lrs-credentials", "files", "scorm-dir"].contains(key) || (key == "theme" && value.contains("/"))
            result.options["--" + key] = pathValued ? resolve(value, in: folder) : value
        }
        return result
    }

    /// A path read from the file's folder; absolute paths and URLs (`postgres://…`) stay as written.
    private static func resolve(_ path: String, in folder: URL) -> String {
        guard !path.hasPrefix("/"), !path.contains("://") else { return path }
        return folder.appendingPathComponent(path).standardizedFileURL.path
    }
}
