import HTTP

/// `?class=ID` on a course's students, its analytics and their CSVs: only the members of that class.
enum ClassFilter {
    /// The ids of the class's members, or nil when the query names no class.
    /// - Throws: 422 when the value is not a number, 404 when there is no such class.
    static func members(_ query: [String: String], store: any Storage) throws -> Set<Int>? {
        guard let text = query["class"] else { return nil }
        // A whole number too large for an id names no class (404), like any other number that is not one.
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw HTTPError.invalid("class must be a class's id", field: "class")
        }
        guard let id = Int(text), try store.classroom(id: id) != nil else { throw HTTPError.notFound("no such class") }
        return Set(try store.members(classID: id).map(\.id))
    }
}

extension LearningRecords {
    /// The records of these learners only.
    func only(_ learnerIDs: Set<Int>?) -> LearningRecords {
        guard let learnerIDs else { return self }
        return LearningRecords(learners: learners.filter { learnerIDs.contains($0.id) },
                               completions: completions.filter { learnerIDs.contains($0.userID) },
                               submissions: submissions.filter { learnerIDs.contains($0.userID) })
    }
}
