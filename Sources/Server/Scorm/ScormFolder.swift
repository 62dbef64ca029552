import Foundation

/// `lectern serve --scorm-dir DIR`: every `*.zip` directly in the folder goes through the upload's checks
/// at start; packages already hosted (same content) are left as they are.
public enum ScormFolder {
    /// One line per ZIP that was hosted or refused, for the log; nothing for those already hosted.
    public static func host(_ folder: URL, store: Store, intake: ScormIntake, filesFolder: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.lowercased().hasSuffix(".zip") }.sorted()
        let taker = ScormPackageIntake(store: store, intake: intake, folder: filesFolder.appendingPathComponent("scorm"))
        var lines: [String] = []
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= ScormPackageRoutes.maxUploadBytes else {
                lines.append("\(path): refused: larger than \(ScormPackageRoutes.maxUploadBytes) bytes (too_large)")
                continue
            }
            do {
                let package = try taker.accept(path, byteCount: size, by: nil)
                lines.append("\(path): hosted as \(package.slug) (\(package.title))")
            } catch let error as HTTPError where error.code == "already_hosted" {
                continue
            } catch let error as HTTPError {
                lines.append("\(path): refused: \(error.detail)" + (error.code.map { " (\($0))" } ?? ""))
            }
        }
        return lines
    }
}
