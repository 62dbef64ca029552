import CourseModel

/// The courses a server offers, with lookups by slug and by lesson or quiz id: those authored as files
/// (fixed until a reload) and the hosted SCORM packages (changed by uploads).
public struct Catalog: Sendable {
    /// The courses authored as files.
    let authored: [Course]
    /// The hosted packages; none until the server gives the catalog its storage.
    var hosted = HostedCourses()
    let bySlug: [String: Course]
    /// Item id → the slugs of the courses that have it (ids are unique within a course only).
    let coursesByItem: [String: [String]]
    /// Course slug → quiz id → question id → what the question shows once an attempt is graded.
    let feedback: [String: [String: [String: QuestionFeedback]]]
    /// Course slug → item id → the item's page, relative to the course folder (as the site builder names it).
    let pages: [String: [String: String]]

    public init(_ courses: [Course], feedback: [String: [String: [String: QuestionFeedback]]] = [:], pages: [String: [String: String]] = [:]) {
        authored = courses
        self.feedback = feedback
        self.pages = pages
        bySlug = Dictionary(courses.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var items: [String: [String]] = [:]
        for course in courses {
            for module in course.modules { for item in module.items { items[item.id, default: []].append(course.slug) } }
        }
        coursesByItem = items
    }

    /// Every course: the authored ones, then the hosted packages.
    public var courses: [Course] {
        let packages = hosted.snapshot.courses
        return packages.isEmpty ? authored : authored + packages
    }

    /// An item's page relative to the site root (a notification's link); the course home for the home's
    /// own items ("") and for a page the catalog was not told of.
    func page(of item: String, in slug: String) -> String {
        slug + "/" + (pages[slug]?[item] ?? "index.html")
    }

    func course(_ slug: String) throws(HTTPError) -> Course {
        guard let course = bySlug[slug] ?? (slug.hasPrefix("scorm-") ? hosted.snapshot.bySlug[slug] : nil) else { throw .notFound("no course '\(slug)'") }
        return course
    }

    /// The course holding an item; `?course=` decides when several courses use the same id.
    func course(ofItem id: String, hint: String?) throws(HTTPError) -> Course {
        let slugs = (coursesByItem[id] ?? []) + (hosted.snapshot.byItem[id] ?? [])
        if let hint {
            guard slugs.contains(hint) else { throw .notFound("no '\(id)' in course '\(hint)'") }
            return try course(hint)
        }
        guard let slug = slugs.first else { throw .notFound("no lesson or quiz '\(id)'") }
        guard slugs.count == 1 else { throw .badRequest("'\(id)' is in several courses; add ?course=<slug>") }
        return try course(slug)
    }

    /// A hosted package's steps are recorded by its own runtime's commits only: the lesson and quiz routes
    /// would let a learner mark one done, or take an empty "quiz", without ever opening the package.
    static func requireAuthored(_ course: Course, step id: String) throws(HTTPError) {
        guard course.scormPackage == nil else {
            throw .conflict("'\(id)' is a SCO of a hosted SCORM package: launching it records it", code: "scorm_step")
        }
    }

    /// Whether an account teaches a course: its email is among the course's instructors.
    static func teaches(_ email: String, _ course: Course) -> Bool {
        // Both sides folded alike (`Identity`), so a real spelling always matches; an email stored unfolded
        // (an older row whose folded form is another account's) is a look-alike and teaches nothing.
        guard email == Identity.email(email) else { return false }
        return course.instructors.contains { $0.email.map(Identity.email) == Identity.email(email) }
    }

    /// Whether an account may see a course's learners and numbers: its instructors, and administrators.
    static func oversees(_ account: User, _ course: Course) -> Bool {
        account.role == .admin || (account.role == .instructor && teaches(account.email, course))
    }
}
