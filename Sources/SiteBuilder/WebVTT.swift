import CourseModel
import Foundation
import Markdown

/// Reading WebVTT caption files, enough to print their text as a transcript.
enum WebVTT {
    /// The cues' text as paragraphs, one per cue, without timings, settings, notes or tags; nil when empty.
    static func transcriptHTML(_ text: String) -> String? {
        var paragraphs: [String] = []
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard let timing = lines.firstIndex(where: { $0.contains("-->") }) else { continue }
            let cue = lines[(timing + 1)...].map(stripTags).joined(separator: " ").trimmingCharacters(in: .whitespaces)
            if !cue.isEmpty { paragraphs.append("<p>" + escapeText(cue) + "</p>") }
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n")
    }

    /// Drops `<v Speaker>`, `<i>` and other cue tags.
    private static func stripTags(_ line: String) -> String {
        var result = ""
        var inTag = false
        for character in line {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { result.append(character) }
        }
        return result
    }
}

/// Content types of course media, for `<source type>` so browsers skip formats they cannot play.
enum MediaTypes {
    static func type(of path: String, kind: Lesson.Kind) -> String {
        let suffix = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch suffix {
        case "mp4", "m4v": return "video/mp4"
        case "webm": return kind == .audio ? "audio/webm" : "video/webm"
        case "ogv": return "video/ogg"
        case "ogg", "oga", "opus": return "audio/ogg"
        case "mp3": return "audio/mpeg"
        case "m4a": return "audio/mp4"
        case "wav": return "audio/wav"
        case "flac": return "audio/flac"
        default: return kind == .audio ? "audio/\(suffix)" : "video/\(suffix)"
        }
    }
}
