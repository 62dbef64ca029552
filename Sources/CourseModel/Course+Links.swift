import Foundation

/// Where a link written in a course file leads: what renderers need to rewrite it for their output.
public enum LinkTarget: Equatable, Sendable {
    /// A web address or other URL, kept as written.
    case external(String)
    /// A heading on the same page.
    case anchor(String)
    /// A lesson or quiz of the course, optionally at a heading.
    case item(id: String, anchor: String?)
    /// A file of the course (course-relative path), optionally with a fragment.
    case file(String, fragment: String?)
    /// A path the loader reported as broken.
    case unresolved
}

extension Course {
    /// Resolves a link or image destination written in the course file at `filePath` (course-relative).
    public func linkTarget(for destination: String, in filePath: String) -> LinkTarget {
        if CoursePath.isExternal(destination) || destination.hasPrefix("data:") { return .external(destination) }
        let (pathPart, fragment) = Loader.splitFragment(destination)
        if pathPart.isEmpty { return fragment.map(LinkTarget.anchor) ?? .unresolved }
        // Foundation's decoding is costly and most paths have nothing to decode.
        let decoded = pathPart.utf8.contains(UInt8(ascii: "%")) ? (pathPart.removingPercentEncoding ?? pathPart) : pathPart
        guard case .inside(let path) = CoursePath.resolve(decoded, from: CoursePath.folder(of: filePath)) else { return .unresolved }
        if let id = itemIDsByPath[path] { return .item(id: id, anchor: fragment) }
        if mediaFiles.contains(path) { return .file(path, fragment: fragment) }
        return .unresolved
    }
}
