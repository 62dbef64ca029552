import CourseModel

/// Short, stable codes for lessons and quizzes, used in `cmi.suspend_data` instead of full ids so a
/// bookmark of a large course fits SCORM 1.2's 4,096 characters. A code is the id's FNV-1a hash in
/// base 36, so it survives reordering and republishing; all codes of a course share one width, the
/// smallest (from 4) at which none collide.
struct ItemCodes: Sendable {
    let width: Int
    let codes: [String: String]

    init(ids: [String]) {
        var width = 4
        var codes: [String: String] = [:]
        while true {
            codes = Dictionary(ids.map { ($0, Self.code($0, width: width)) }, uniquingKeysWith: { first, _ in first })
            if Set(codes.values).count == codes.count || width >= 12 { break }
            width += 1
        }
        self.width = width
        self.codes = codes
    }

    /// The id's whole hash, 13 base-36 digits (a UInt64 needs at most 13): every code of the id is a suffix.
    static func key(_ id: String) -> String { code(id, width: 13) }

    static func code(_ id: String, width: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 36)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return String(padded.suffix(width))
    }

    /// The most characters the runtime's suspend data format (`2|<width>|<lesson codes>|<quiz entries>`)
    /// can take for a scope: every lesson complete, every quiz attempted (code, 2-char score in tenths,
    /// 2-char attempts, flag). Open quiz attempts, written only in the room the record leaves, are not counted.
    func worstCaseSuspendData(lessons: Int, quizzes: Int) -> Int {
        2 + String(width).count + 1 + lessons * width + 1 + quizzes * (width + 5)
    }
}
