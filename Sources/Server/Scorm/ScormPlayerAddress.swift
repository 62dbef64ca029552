/// Where browsers reach the second origin of `lectern serve` that serves hosted SCORM packages
/// (`--scorm-port`, `--scorm-origin`): the kiosk's player page frames it, and its pages allow it.
public struct ScormPlayerAddress: Sendable, Encodable {
    /// The configured public address (`https://scorm.school.example`), without a trailing slash; nil when
    /// browsers reach it at the kiosk's own host name on `port`.
    public var origin: String?
    /// The port it listens on.
    public var port: Int

    public init(origin: String?, port: Int) {
        self.origin = origin.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.port = port
    }

    /// The CSP source of the kiosk pages' `frame-src`: the configured origin, else any host on the port
    /// (the kiosk's host name is whatever the browser used to reach it).
    var frameSource: String { origin ?? "http://*:\(port) https://*:\(port)" }
}
