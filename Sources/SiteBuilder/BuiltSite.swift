import Foundation

/// A rendered site: every output file with its contents or the course file to copy.
/// Pages live in memory; media stay on disk until written, so large videos are never loaded.
public struct BuiltSite: Sendable {
    public enum Contents: Sendable, Equatable {
        case data(Data)
        /// A file copied as it is (course media).
        case copy(URL)
        /// Already written where the site is being staged (`PageSink`): its bytes were not kept.
        case written
    }

    /// Output-relative path → contents.
    public var files: [String: Contents] = [:]
    /// Non-fatal findings of the build (search index over budget, missing UI strings).
    public var warnings: [String] = []
    /// Facts for the build summary: pages, media, search index bytes.
    public var report = BuildReport()

    public init() {}

    /// The text of a page, for tests and packaging.
    public func text(_ path: String) -> String? {
        guard case .data(let data) = files[path] else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Figures a build prints when it finishes.
public struct BuildReport: Sendable {
    public var pages = 0
    public var mediaFiles = 0
    public var searchIndexBytes = 0
    public var largestSearchShardBytes = 0
}
