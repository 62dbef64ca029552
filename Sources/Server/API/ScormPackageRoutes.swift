import Crypto
import Foundation
import HTTP

/// Hosted SCORM packages: `POST /api/v1/scorm-packages` (the ZIP as the raw body, streamed to disk and
/// checked before anything is extracted), `GET` the list or one, `DELETE` one.
struct ScormPackageRoutes {
    let store: any Storage
    /// Its hosted courses are refreshed after an upload or a removal.
    let catalog: Catalog
    /// Nil when the server runs without one (then uploads answer 501).
    let intake: ScormIntake?
    /// `files/scorm/`: one folder per package, named by the ZIP's SHA-256.
    let folder: URL

    /// The largest ZIP accepted; what it expands to is limited by the intake's own checks.
    static let maxUploadBytes = 512 << 20

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/scorm-packages", streamedBodyLimit: Self.maxUploadBytes) { context in
            let staff = try context.require(.oversee, otherwise: "only instructors and admins upload SCORM packages")
            guard let upload = context.request.bodyFile, upload.byteCount > 0 else {
                throw HTTPError.badRequest("send the package's ZIP file as the request body")
            }
            guard let intake else { throw HTTPError(501, "this server does not host SCORM packages") }
            let package = try ScormPackageIntake(store: store, intake: intake, folder: folder).accept(upload.path, byteCount: upload.byteCount, by: staff.id)
            catalog.hosted.invalidate()
            store.record("scorm.upload", userID: staff.id, detail: "\(package.slug) \(package.title)", address: context.clientAddress)
            return JSONResponse.make(status: 201, package)
        }
        router.add("GET", "/api/v1/scorm-packages") { context in
            _ = try context.requireUser()
            return JSONResponse.make(try store.scormPackages())
        }
        router.add("GET", "/api/v1/scorm-packages/{id}") { context in
            _ = try context.requireUser()
            return JSONResponse.make(try package(context))
        }
        router.add("DELETE", "/api/v1/scorm-packages/{id}") { context in
            let staff = try context.require(.oversee, otherwise: "only instructors and admins remove SCORM packages")
            let package = try package(context)
            guard staff.role == .admin || package.uploadedBy == staff.id else {
                throw HTTPError(403, "only admins and the instructor who uploaded a package remove it")
            }
            try store.deleteScormPackage(id: package.id)
            catalog.hosted.invalidate()
            ScormPackageIntake.removeFiles(of: package.sha256, in: folder)
            store.record("scorm.remove", userID: staff.id, detail: "\(package.slug) \(package.title)", address: context.clientAddress)
            return HTTPResponse(status: 204)
        }
    }

    private func package(_ context: RequestContext) throws -> ScormPackage {
        guard let id = Int(context.parameters["id"] ?? ""), let package = try store.scormPackage(id: id) else {
            throw HTTPError.notFound("no such SCORM package")
        }
        return package
    }
}
