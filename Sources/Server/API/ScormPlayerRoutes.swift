import HTTP

/// `GET /api/v1/scorm-player`: where the kiosk's player page finds the second origin that serves hosted
/// SCORM packages (`origin`, or the kiosk's own host name on `port`).
struct ScormPlayerRoutes {
    let address: ScormPlayerAddress?

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/scorm-player") { context in
            _ = try context.requireUser()
            guard let address else { throw HTTPError.notFound("this server does not play SCORM packages (no --scorm-port)") }
            return JSONResponse.make(address)
        }
    }
}
