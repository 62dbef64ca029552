import CourseModel

/// What administrators see: accounts, activity and every course at a glance.
struct SystemAnalytics: Encodable, Sendable {
    struct Users: Encodable, Sendable {
        var students: Int, instructors: Int, admins: Int, disabled: Int, pendingInstructors: Int
        /// Registered in the window.
        var new: Int
        /// Signed in, completed a lesson or submitted a quiz in the window.
        var active: Int
    }

    struct CourseRow: Encodable, Sendable {
        var course: String, title: String
        var enrollments: Int, activeLearners: Int, completionRate: Double, averageScore: Double?
        var certificates: Int, reviews: Int, averageRating: Double?
    }

    var windowDays: Int
    var users: Users
    var enrollments: Int, lessonCompletions: Int, attemptsSubmitted: Int
    var certificatesIssued: Int, certificatesRevoked: Int, reviews: Int
    var courses: [CourseRow]
    var activity: [ActivityDay]

    init(counts: SystemCounts, courses: [(CourseAnalytics, CourseCounts)], since: Int, now: Int, windowDays: Int) {
        self.windowDays = windowDays
        users = Users(students: counts.usersByRole[.student] ?? 0, instructors: counts.usersByRole[.instructor] ?? 0,
                      admins: counts.usersByRole[.admin] ?? 0, disabled: counts.disabledUsers, pendingInstructors: counts.pendingInstructors,
                      new: counts.newUsers, active: counts.activeUsers)
        enrollments = counts.enrollments
        lessonCompletions = counts.lessonCompletions
        attemptsSubmitted = counts.attemptsSubmitted
        certificatesIssued = counts.certificatesIssued
        certificatesRevoked = counts.certificatesRevoked
        reviews = counts.reviews
        self.courses = courses.map { analytics, kept in
            CourseRow(course: analytics.course, title: analytics.title, enrollments: analytics.enrollments, activeLearners: analytics.activeLearners,
                      completionRate: analytics.completionRate, averageScore: analytics.averageScore, certificates: kept.certificates,
                      reviews: kept.reviews, averageRating: kept.averageRating)
        }
        let byDay = Dictionary(counts.days.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        activity = ActivityDay.range(from: since / 86400, to: now / 86400).map { day in
            var entry = ActivityDay(day)
            let counted = byDay[day]
            entry.lessonCompletions = counted?.lessonCompletions ?? 0
            entry.attemptsSubmitted = counted?.attemptsSubmitted ?? 0
            entry.logins = counted?.logins ?? 0
            entry.registrations = counted?.registrations ?? 0
            return entry
        }
    }
}
