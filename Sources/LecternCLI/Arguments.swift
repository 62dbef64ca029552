import CourseModel

/// The words of a command line sorted into flags, options with values and positional arguments.
struct Arguments {
    var flags: Set<String> = []
    var options: [String: String] = [:]
    var positionals: [String] = []

    /// Parses `words` knowing which `--names` are flags and which take a value (`--out DIR` or `--out=DIR`).
    init(_ words: [String], flags allowedFlags: [String] = [], options allowedOptions: [String] = []) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            guard !onlyPositionals, word.hasPrefix("--") || (word.hasPrefix("-") && word.count > 1) else {
                positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            if allowedFlags.contains(name) {
                guard parts.count == 1 else { throw UsageError("flag '\(name)' takes no value") }
                flags.insert(name)
            } else if allowedOptions.contains(name) {
                if parts.count == 2 {
                    options[name] = parts[1]
                } else if index < words.count {
                    options[name] = words[index]
                    index += 1
                } else {
                    throw UsageError("option '\(name)' needs a value")
                }
            } else {
                let suggestion = DidYouMean.suggestion(for: name, in: allowedFlags + allowedOptions)
                throw UsageError("unknown option '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
    }
}

extension Arguments {
    /// Arguments already sorted, as a config file gives them.
    init(flags: Set<String> = [], options: [String: String], positionals: [String] = []) {
        self.flags = flags
        self.options = options
        self.positionals = positionals
    }
}
