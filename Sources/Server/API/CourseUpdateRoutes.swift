import Foundation
import HTTP

/// `/api/v1/admin/reload` and `/api/v1/admin/orphans`: course updates on a running server, for admins;
/// `/api/v1/admin/xapi-outbox`: the learning records waiting to be forwarded.
struct CourseUpdateRoutes {
    let catalog: Catalog
    let store: any Storage
    let reloads: CourseReloads

    struct Status: Encodable {
        var coursesReload: Int
        var latestRequest: Int
        var last: CourseReloads.Outcome?
    }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/admin/reload") { context in
            _ = try context.require(.administer)
            return JSONResponse.make(Status(coursesReload: reloads.serving, latestRequest: try store.latestCourseReload(), last: reloads.last))
        }
        // Recorded in the database, so every instance on it reloads, this one at once and the others at their next poll.
        router.add("POST", "/api/v1/admin/reload") { context in
            let admin = try context.require(.administer)
            let request = try store.requestCourseReload(by: "\(admin.username) through the API")
            reloads.wakeUp()
            store.record("courses.reload", userID: admin.id, detail: "reload request \(request)", address: context.clientAddress)
            return JSONResponse.make(status: 202, ["reload_request": request])
        }
        // How forwarding to the xAPI record store (`lectern serve --lrs`) stands: what waits, what went.
        router.add("GET", "/api/v1/admin/xapi-outbox") { context in
            _ = try context.require(.administer)
            return JSONResponse.make(try store.outboxState())
        }
        router.add("GET", "/api/v1/admin/orphans") { context in
            _ = try context.require(.administer)
            return JSONResponse.make(try PageRequest(context.request.query).slice(Orphans.find(try store.recordedItems(), in: catalog.courses)))
        }
    }
}
