import Foundation
import Markdown

/// A piece of work learners hand in on the class kiosk (`NN-name.assignment.md`): its settings and its
/// instructions. Static sites and SCORM packages show the instructions only.
public struct Assignment: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Course-relative path of the `.assignment.md` file.
    public var path: String
    /// What a perfect grade is worth, above 0.
    public var points: Double
    /// nil: no due date.
    public var due: DueDate?
    public var submission: SubmissionKind
    /// What happens to a submission after the due date.
    public var late: LatePolicy
    /// File types a file submission may be, by lower-case extension (`pdf`, `png`…); every type the
    /// kiosk recognises when the author names none.
    public var fileTypes: [String]
    /// The largest file a learner may hand in, in megabytes.
    public var maxFileMB: Int
    /// Whether the course's completion rule waits for it (on the kiosk: once graded).
    public var countsForCompletion: Bool
    public var isDraft: Bool
    /// The Markdown after the front matter: the instructions.
    public var body: String
    public var bodyStartLine: Int
    public var headings: [Heading]

    public enum SubmissionKind: String, Sendable, CaseIterable {
        case text, file, both

        public var acceptsText: Bool { self != .file }
        public var acceptsFiles: Bool { self != .text }
    }

    public enum LatePolicy: String, Sendable, CaseIterable {
        /// Taken and marked late.
        case accept
        /// Refused after the due date.
        case refuse
    }

    /// The file types the kiosk can recognise by their content (see the server's content check).
    public static let knownFileTypes = ["pdf", "png", "jpg", "jpeg", "gif", "webp", "txt", "docx", "xlsx", "pptx", "odt", "ods", "odp"]
    public static let defaultMaxFileMB = 10

    /// The instructions as a text lesson, for renderers of lesson bodies (and their caches, keyed by path).
    public var instructionsAsLesson: Lesson {
        Lesson(id: id, title: title, path: path, durationMinutes: nil, kind: .text, media: nil, summary: nil, objectives: [],
               isDraft: isDraft, body: body, bodyStartLine: bodyStartLine, headings: headings)
    }
}

/// A due date as the author wrote it, in the course's time zone: a day (due at its end) or a day and time.
public struct DueDate: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    /// nil: the end of the day (23:59:59).
    public var hour: Int?, minute: Int?

    public init(year: Int, month: Int, day: Int, hour: Int? = nil, minute: Int? = nil) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    /// Reads `2026-03-14`, `2026-03-14 17:00` or `2026-03-14T17:00` (seconds allowed, no zone: the course's
    /// zone applies); nil for anything else or an impossible day.
    public static func parse(_ text: String) -> DueDate? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count) else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard day.count == 3, day[0].count == 4, day[1].count == 2, day[2].count == 2,
              let year = Int(day[0]), let month = Int(day[1]), let date = Int(day[2]) else { return nil }
        var due = DueDate(year: year, month: month, day: date)
        if parts.count == 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(time.count), time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]), let minute = Int(time[1]),
                  (0...23).contains(hour), (0...59).contains(minute), time.count == 2 || Int(time[2]).map({ (0...59).contains($0) }) == true
            else { return nil }
            (due.hour, due.minute) = (hour, minute)
        }
        // Calendar would roll 2026-02-30 over to March: compare what comes back.
        guard let instant = due.deadline(in: TimeZone(identifier: "UTC")!) else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let back = utc.dateComponents([.year, .month, .day], from: instant)
        return back.year == year && back.month == month && back.day == date ? due : nil
    }

    /// The moment it falls due in `zone`: the given minute, or the last second of the day.
    public func deadline(in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour ?? 23, minute: minute ?? 59,
                                        second: hour == nil ? 59 : 0)
        return calendar.date(from: components)
    }

    /// As written back in ISO form: `2026-03-14` or `2026-03-14T17:00`.
    public var text: String {
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        guard let hour, let minute else { return date }
        return date + String(format: "T%02d:%02d", hour, minute)
    }
}
