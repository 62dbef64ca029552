import Foundation
import Synchronization

/// Writes pages into the folder a site is being staged in as soon as they are rendered, from any thread,
/// so a build never holds every page at once: 10,000 short lessons held about 160 MB of pages until the
/// end. Failures are collected; the build checks `failure` before the site replaces the old one.
public final class PageSink: Sendable {
    let folder: URL
    let gzipVariants: Bool
    /// Folders made so far (one `mkdir` per folder, not per page).
    private let made = Mutex<Set<String>>([])
    private let failures = Mutex<[String]>([])

    /// - Parameters:
    ///   - folder: the staging folder (`BuiltSite.staging(for:)`).
    ///   - gzipVariants: also write `.gz` twins, as `BuiltSite.write(to:gzipVariants:)` does.
    public init(folder: URL, gzipVariants: Bool) {
        self.folder = folder
        self.gzipVariants = gzipVariants
    }

    /// Writes `data` at the site-relative `path`.
    func write(_ data: Data, at path: String) {
        let target = folder.appendingPathComponent(path)
        do {
            let parent = (path as NSString).deletingLastPathComponent
            if !made.withLock({ $0.contains(parent) }) {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                made.withLock { _ = $0.insert(parent) }
            }
            try writePage(data, path: path, to: target.path, gzipVariants: gzipVariants)
        } catch {
            failures.withLock { $0.append("\(path): \(error)") }
        }
    }

    /// The first page that could not be written, if any.
    public var failure: String? { failures.withLock { $0.sorted().first } }
}
