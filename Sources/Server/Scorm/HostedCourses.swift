import CourseModel
import Foundation
import Utilities

/// The hosted SCORM packages as catalog courses (`Course.hostedPackage`). Unlike authored courses they
/// change while the server runs: an upload or removal here refreshes them at once, and where another
/// process may have changed the database (instances sharing PostgreSQL, a `--scorm-dir` host run by
/// another command) they are read again at most every two seconds.
public final class HostedCourses: Sendable {
    struct Snapshot: Sendable {
        var courses: [Course] = []
        var bySlug: [String: Course] = [:]
        /// SCO id → the slugs of the packages that have it.
        var byItem: [String: [String]] = [:]
        var read: ContinuousClock.Instant?
    }

    private let store: (any Storage)?
    private let state = Locked(Snapshot())
    static let foreignRefresh = Duration.seconds(2)

    /// No packages: the catalog of a server without storage (tests, `lectern build`).
    public convenience init() { self.init(store: nil) }

    init(store: (any Storage)?) {
        self.store = store
    }

    /// The packages now, read again when this instance changed them or another process may have.
    var snapshot: Snapshot {
        guard let store else { return Snapshot() }
        let now = ContinuousClock.now
        let foreign = store.changeStamp(of: []) == nil
        if let kept = state.withLock({ state -> Snapshot? in
            guard let read = state.read, !foreign || now - read < Self.foreignRefresh else { return nil }
            return state
        }) { return kept }
        // A failed read keeps what was read before rather than emptying the catalog.
        guard let fresh = try? Self.read(store, at: now) else { return state.withLock { $0 } }
        state.withLock { $0 = fresh }
        return fresh
    }

    /// Forgets what was read: the next lookup reads the packages again (after an upload or a removal).
    func invalidate() {
        state.withLock { $0.read = nil }
    }

    private static func read(_ store: any Storage, at now: ContinuousClock.Instant) throws -> Snapshot {
        var snapshot = Snapshot(read: now)
        var uploaders: [Int: User] = [:]
        for package in try store.scormPackages() {
            // The instructor who uploaded a package teaches it (admins oversee every course anyway).
            if let id = package.uploadedBy, uploaders[id] == nil { uploaders[id] = try store.user(id: id) }
            let instructors = package.uploadedBy.flatMap { uploaders[$0] }.map { [Instructor(name: $0.name, email: $0.email)] } ?? []
            let course = Course.hostedPackage(id: package.id, slug: package.slug, title: package.title, description: package.description,
                                              instructors: instructors, scos: package.scos)
            snapshot.courses.append(course)
            snapshot.bySlug[course.slug] = course
            for sco in package.scos { snapshot.byItem[sco.identifier, default: []].append(course.slug) }
        }
        return snapshot
    }
}
