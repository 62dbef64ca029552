import Foundation
import Packaging
import Server
import Zip

/// The server's SCORM intake, made of Packaging's checks (the server does not import Packaging).
enum ScormHosting {
    static let intake = ScormIntake(
        inspect: { path throws(ScormRefusal) in
            do throws(ScormPackageRefusal) {
                let contents = try ScormPackageInspector.inspect(zip: path)
                return ScormManifestSummary(edition: contents.edition.rawValue, title: contents.title, description: contents.description,
                                            scos: contents.scos,
                                            entryCount: contents.entryCount, extractedBytes: Int(contents.extractedBytes))
            } catch {
                throw ScormRefusal(code: error.code, message: error.message)
            }
        },
        extract: { path, folder in
            do throws(ZipError) {
                try ZipReader(path: path).extract(to: folder)
            } catch where error.isDamage {
                // Found only while expanding (a bad checksum): the package's fault, refused like the others.
                throw ScormRefusal(code: "damaged", message: error.message)
            }
        })

    /// `--scorm-dir`: the folder's new ZIPs hosted, at start and on each reload (a ZIP added, then
    /// `systemctl reload lectern`); each hosted or refused one is named in the log.
    static func hostFolder(_ settings: ServeSettings, store: Store, served: ServedCourses) {
        guard let folder = settings.scormDir else { return }
        // The catalog reads the packages again: those just hosted become courses.
        defer { served.api?.hostedPackagesChanged() }
        do {
            for line in try ScormFolder.host(folder, store: store, intake: intake, filesFolder: settings.files) {
                Output.error("lectern serve: --scorm-dir \(line)")
            }
        } catch {
            Output.error("lectern serve: cannot read --scorm-dir \(folder.path): \(error.localizedDescription)")
        }
    }
}
