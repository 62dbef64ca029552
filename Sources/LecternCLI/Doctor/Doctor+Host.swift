import CourseModel
import Foundation

/// The courses, the port and the clock.
extension Doctor {
    /// The same loading `lectern check` does; a site given with `site` is checked as `serve` checks it.
    static func courses(_ settings: ServeSettings) -> [DoctorFinding] {
        if let site = settings.site {
            if let problem = ServedSiteGuard.problem(in: URL(fileURLWithPath: site)) {
                return [.error("courses", "\(problem); build it with 'lectern build --server-grading'")]
            }
        }
        guard !settings.courses.isEmpty else {
            return [.error("courses", "no course folders; set 'courses = DIR[, DIR]' in the config file or name them")]
        }
        var findings: [DoctorFinding] = []
        var slugs: [String: String] = [:]
        for folder in settings.courses {
            do {
                let result = try Loader.load(URL(fileURLWithPath: folder), options: LoadOptions(uiLanguages: CourseLoading.uiLanguages))
                let (errors, warnings) = (result.diagnostics.errorCount, result.diagnostics.warningCount)
                if errors > 0 {
                    findings.append(.error("courses", "\(folder): \(errors) error\(errors == 1 ? "" : "s"), the server will not start; run 'lectern check \(folder)'"))
                } else if warnings > 0 {
                    findings.append(.warning("courses", "\(folder): \(warnings) warning\(warnings == 1 ? "" : "s"); run 'lectern check \(folder)'"))
                } else {
                    findings.append(.ok("courses", "\(folder): '\(result.course.title)' is valid"))
                }
                if let other = slugs[result.course.slug] {
                    findings.append(.error("courses", "\(other) and \(folder) share the slug '\(result.course.slug)'; set a different 'slug:' in one course.yaml"))
                }
                slugs[result.course.slug] = folder
            } catch {
                findings.append(.error("courses", "\(error.message)"))
            }
        }
        return findings
    }

    /// Whether `lectern serve` could listen: binds the address and port for a moment, as the server does.
    static func port(_ settings: ServeSettings) -> DoctorFinding {
        listening("port", host: settings.server.host, port: settings.server.port, heldByLectern: lecternAnswers)
    }

    /// The second port, the SCORM origin (`--scorm-port`): held by the kiosk's own server when that one answers.
    static func scormPort(_ settings: ServeSettings) -> DoctorFinding? {
        guard let port = settings.scormPort else { return nil }
        let kiosk = settings.server.port
        return listening("scorm-port", host: settings.server.host, port: port) { host, _ in kiosk != 0 && lecternAnswers(host: host, port: kiosk) }
    }

    private static func listening(_ key: String, host: String, port: Int, heldByLectern: (_ host: String, _ port: Int) -> Bool) -> DoctorFinding {
        guard port != 0 else { return .ok(key, "0: the server picks a free port at start") }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let address = list else {
            return .error(key, "'\(host)' is not an address this machine can listen on; set 'host' to one of its addresses (127.0.0.1, 0.0.0.0, ::)")
        }
        defer { freeaddrinfo(list) }
        let socket = Glibc.socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
        guard socket >= 0 else { return .error(key, "cannot make a socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        // As libmicrohttpd does: a port left in TIME_WAIT by a stopped server is free to take.
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            switch errno {
            case EADDRINUSE where heldByLectern(host, port):
                return .ok(key, "\(host):\(port) is held by a running lectern server (it answers /api/v1/health)")
            case EADDRINUSE:
                return .error(key, "port \(port) on \(host) is taken by another program; stop it or choose another '\(key)'")
            case EACCES:
                return .error(key, "port \(port) is below 1024 and needs CAP_NET_BIND_SERVICE (AmbientCapabilities=, see docs/deploy.md), or use a port above 1023 behind a reverse proxy")
            case EADDRNOTAVAIL:
                return .error(key, "\(host) is not an address of this machine; set 'host' to one of its addresses")
            default:
                return .error(key, "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
            }
        }
        return .ok(key, "\(host):\(port) is free")
    }

    /// Tokens expire by the clock: a kiosk without a battery-backed clock (a Raspberry Pi) may boot in the past.
    /// The binary's own modification time is when it was built (dpkg keeps the package's times).
    static func clock(now: Date = Date()) -> DoctorFinding {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let built = (try? FileManager.default.attributesOfItem(atPath: executable))?[.modificationDate] as? Date else {
            return .warning("clock", "cannot read when \(executable) was built to compare the clock with")
        }
        let format = ISO8601DateFormatter()
        if now < built.addingTimeInterval(-86400) {
            return .error("clock", "the clock says \(format.string(from: now)), before this lectern was built (\(format.string(from: built))); set the time ('timedatectl set-ntp true', or 'date -s')")
        }
        if now > built.addingTimeInterval(20 * 365 * 86400) {
            return .warning("clock", "the clock says \(format.string(from: now)), over 20 years after this lectern was built; check the time")
        }
        return .ok("clock", "\(format.string(from: now))")
    }
}
