/// A link or file path written somewhere in the course, checked once every file is loaded.
struct PendingReference {
    enum Kind: Equatable {
        case link
        case image
        /// A YAML field naming a file (`thumbnail`, `avatar`, `video`…).
        case file(field: String)
    }

    var kind: Kind
    var destination: String
    /// Alt text of an image.
    var text: String
    var location: SourceLocation
    /// Course-relative folder the destination is relative to.
    var base: String
    /// Course-relative path of the file that holds the reference, for `#anchor` links.
    var source: String
    /// References in drafts are checked but their files are not copied into builds.
    var isDraft: Bool
}

/// Lessons and quizzes by path, for resolving links.
struct ItemIndex {
    var idsByPath: [String: String] = [:]
    /// Anchors of each file's headings in order, and their hash (`ItemLoad.anchorsHash`).
    var anchorsByPath: [String: [String]] = [:]
    var anchorsHashByPath: [String: Int] = [:]
    var draftPaths: Set<String> = []
    /// Every lesson and quiz file, including those that failed to load (already reported).
    var itemPaths: Set<String> = []

    init(loads: [ItemLoad]) {
        for load in loads {
            itemPaths.insert(load.path)
            guard let item = load.item else { continue }
            idsByPath[load.path] = item.id
            anchorsByPath[load.path] = load.anchors
            anchorsHashByPath[load.path] = load.anchorsHash
            if load.isDraft { draftPaths.insert(load.path) }
        }
    }
}
