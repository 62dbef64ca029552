import Foundation
import HTTP
import Server
import SiteBuilder

/// `lectern serve`'s second listening port (`--scorm-port`): a second origin for the files of hosted SCORM
/// packages and the runtime page, so a package's scripts never run on the kiosk's origin (which keeps the
/// API token in `localStorage`).
enum ScormPlayerServing {
    /// Starts listening; the kiosk's pages may frame it (the `--public-url` origin, else any host on the
    /// kiosk's port).
    static func start(_ settings: ServeSettings, port: Int, kioskPort: Int, base: HTTPServerOptions) throws -> (HTTPServer, ScormPlayerAddress) {
        let theme = try Theme.load("default")
        guard let runtime = theme.assets["scorm-runtime.js"], let host = theme.assets["scorm-host.js"] else {
            throw UsageError("the default theme has no scorm-runtime.js")
        }
        var options = base
        options.port = port
        options.bodyHandling = nil
        options.maxBodyBytes = 0
        let origin = ScormPlayerOrigin(scormFolder: settings.files.appendingPathComponent("scorm"), runtimeScript: runtime, hostScript: host,
                                       kioskSources: kioskSources(settings, kioskPort: kioskPort))
        let server = try HTTPServer(options: options) { request in origin.handle(request) }
        return (server, ScormPlayerAddress(origin: settings.scormOrigin, port: server.port))
    }

    static func kioskSources(_ settings: ServeSettings, kioskPort: Int) -> String {
        if let publicURL = settings.publicURL, let url = URLComponents(string: publicURL), let scheme = url.scheme, let host = url.host {
            return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        }
        return "http://*:\(kioskPort) https://*:\(kioskPort)"
    }
}
