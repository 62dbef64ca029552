import Foundation

/// The process's limit on open file descriptors (RLIMIT_NOFILE).
enum OpenFileLimit {
    /// Raises the soft limit toward `wanted` (never past the hard limit) and returns the limit now in force.
    /// Debian starts services with a soft limit of 1024, which would cap connections below any larger
    /// setting: each connection is a descriptor, and the site's files need some more.
    @discardableResult
    static func raise(toward wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if target > limit.rlim_cur {
            var raised = limit
            raised.rlim_cur = target
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(target) }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
