// A school's classes: a roster imported with `lectern users import`, classes enrolled by staff, learners of
// each class through a lesson and a quiz over HTTP, and everything a teacher reads filtered by class.
import CourseModel
import Foundation
import LecternTesting
import Testing

/// A server for the Python and digital-literacy samples on a database prepared by `prepare` (the
/// database's location: an SQLite file or a PostgreSQL URL).
func startSchool(_ store: StoreKind, roster: String,
                         prepare: (String, URL) throws -> Void = { _, _ in }) throws -> (LecternProcess, TemporaryCourse, String) {
    let data = try TemporaryCourse(["roster.csv": roster], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    try addUser(database, email: "admin@example.org", username: "admin", role: "admin")
    try prepare(database, data.url.appendingPathComponent("roster.csv"))
    let server = try LecternProcess(["serve", sampleCourse("python-foundations").path, sampleCourse("digital-literacy").path,
                                     "--port", "0", "--db", database])
    return (server, data, database)
}

private let password = studentPassword

/// Two classes: 5A (taught by Ada, who teaches the Python course) and 5B; the roster enrolls 5A in the
/// Python course and 5B in both courses.
let schoolRoster = """
email,username,name,role,password,class,courses
ada.okafor@example.org,ada,Ada Okafor,instructor,\(password),5A,python-foundations
ana@example.org,ana,"López, Ana",student,\(password),5A,python-foundations
ben@example.org,ben,Ben,student,\(password),5A,
cara@example.org,cara,Cara,student,\(password),5B,"python-foundations;digital-literacy"
dan@example.org,dan,Dan,student,\(password),5B,

"""

@Test(arguments: StoreKind.tested) func twoClassesThroughTwoCoursesSeenByClass(_ store: StoreKind) throws {
    let (server, data, database) = try startSchool(store, roster: schoolRoster) { database, roster in
        let imported = try runLectern("users", "import", roster.path, "--db", database)
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 5 accounts (5 new, 0 updated), 2 new classes, 6 new enrollments"), "\(imported.stdout)")
    }
    let course = try Loader.load(sampleCourse("python-foundations")).course
    func auth(_ login: String) throws -> [String: String] { ["Authorization": "Bearer \(try token(server, login))"] }
    let admin = try auth("admin"), ada = try auth("ada")

    let classes = try #require(try server.request("GET", "/api/v1/classes", headers: admin).json["items"] as? [[String: Any]])
    let ids = Dictionary(uniqueKeysWithValues: classes.compactMap { entry in (entry["name"] as? String).map { ($0, entry["id"] as? Int ?? 0) } })
    let (classA, classB) = (try #require(ids["5A"]), try #require(ids["5B"]))
    #expect(classes.map { $0["member_count"] as? Int } == [2, 2])
    // Ada teaches 5A only: she sees it, not 5B.
    let taught = try server.request("GET", "/api/v1/classes", headers: ada).json["items"] as? [[String: Any]]
    #expect(taught?.map { $0["name"] as? String } == ["5A"])
    #expect(try server.request("GET", "/api/v1/classes/\(classB)", headers: ada).status == 403)

    // The admin enrolls all of 5A into the second course; asked again, nobody is enrolled twice.
    let enrolled = try server.request("POST", "/api/v1/courses/digital-literacy/enrollments", json: ["class_id": classA], headers: admin)
    #expect(enrolled.status == 201 && (enrolled.json["created"] as? [[String: Any]])?.count == 2, "\(enrolled.text)")
    let again = try server.request("POST", "/api/v1/courses/digital-literacy/enrollments", json: ["class_id": classA], headers: admin)
    #expect(again.status == 200 && (again.json["created"] as? [Any])?.isEmpty == true && (again.json["already_enrolled"] as? [Int])?.count == 2)

    // Learners find both courses on "My courses" without pressing anything.
    let learners = ["ana", "ben", "cara", "dan"]
    var headers: [String: [String: String]] = [:], userIDs: [String: Int] = [:]
    for learner in learners {
        headers[learner] = try auth(learner)
        userIDs[learner] = try #require(try server.request("GET", "/api/v1/users/me", headers: headers[learner]!).json["id"] as? Int)
        let mine = try server.request("GET", "/api/v1/enrollments/my-courses", headers: headers[learner]!)
        let courses = Set((mine.json["items"] as? [[String: Any]] ?? []).compactMap { $0["course"] as? String })
        #expect(courses == ["python-foundations", "digital-literacy"], "\(learner): \(mine.text)")
    }

    // Ana (5A) completes one lesson and passes the first quiz; Cara (5B) completes two lessons and scores 0.
    let quiz = course.quizzes[0]
    func takeQuiz(_ learner: String, right: Bool) throws {
        let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts?course=python-foundations",
                                                      headers: headers[learner]!).json["id"] as? Int)
        let answers: [[String: Any]] = right ? quiz.questions.map { question in
            let answer: Any = switch question.answer {
            case .single(let choices): choices.first { $0.isCorrect }!.id
            case .multiple(let choices): choices.filter(\.isCorrect).map(\.id)
            case .trueFalse(let value): value
            case .short(let accepted, _, _): accepted[0]
            case .numeric(let value, _): value
            }
            return ["question_id": question.id, "answer": answer]
        } : []
        let graded = try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: headers[learner]!)
        #expect(graded.status == 200 && graded.json["score"] as? Double == (right ? 100 : 0), "\(graded.text)")
    }
    func complete(_ learner: String, _ lesson: Lesson) throws {
        let done = try server.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete?course=python-foundations", headers: headers[learner]!)
        #expect(done.status == 200, "\(done.text)")
    }
    try complete("ana", course.lessons[0])
    try takeQuiz("ana", right: true)
    try complete("cara", course.lessons[0])
    try complete("cara", course.lessons[1])
    try takeQuiz("cara", right: false)

    // The teaching page's data: students, analytics and each CSV, filtered by class.
    for (classID, members, teacher) in [(classA, ["ana", "ben"], ada), (classB, ["cara", "dan"], admin)] {
        let students = try server.request("GET", "/api/v1/courses/python-foundations/students?class=\(classID)", headers: teacher)
        #expect(students.status == 200, "\(students.text)")
        #expect(Set((students.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }) == Set(members))
        let report = try server.request("GET", "/api/v1/analytics/courses/python-foundations?class=\(classID)", headers: teacher)
        #expect(report.status == 200 && report.json["enrollments"] as? Int == 2, "\(report.text)")
        let reported = (report.json["learners"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
        #expect(Set(reported) == Set(members))
        // The gradebook of the class: its learners, with their lessons done.
        let book = try server.request("GET", "/api/v1/courses/python-foundations/gradebook?class=\(classID)", headers: teacher)
        let rows = book.json["learners"] as? [[String: Any]] ?? []
        #expect(book.status == 200 && Set(rows.compactMap { $0["username"] as? String }) == Set(members), "\(book.text)")
        let bookCSV = try server.request("GET", "/api/v1/courses/python-foundations/gradebook?class=\(classID)&format=csv", headers: teacher)
        #expect(bookCSV.text.split(separator: "\r\n").count == 3 && (bookCSV.headers["Content-Disposition"] as? String)?.contains("class\(classID)-gradebook") == true)
    }
    let reportA = try server.request("GET", "/api/v1/analytics/courses/python-foundations?class=\(classA)", headers: ada).json
    let reportB = try server.request("GET", "/api/v1/analytics/courses/python-foundations?class=\(classB)", headers: admin).json
    func quizReport(_ report: [String: Any]) -> [String: Any] {
        (report["quizzes"] as? [[String: Any]])?.first { $0["id"] as? String == quiz.id } ?? [:]
    }
    func lessonCompleted(_ report: [String: Any], _ index: Int) -> Int? {
        (report["lessons"] as? [[String: Any]])?.first { $0["id"] as? String == course.lessons[index].id }?["completed"] as? Int
    }
    #expect(quizReport(reportA)["attempts"] as? Int == 1 && quizReport(reportA)["average_best_score"] as? Double == 100)
    #expect(quizReport(reportB)["attempts"] as? Int == 1 && quizReport(reportB)["average_best_score"] as? Double == 0)
    #expect(lessonCompleted(reportA, 0) == 1 && lessonCompleted(reportA, 1) == 0)
    #expect(lessonCompleted(reportB, 0) == 1 && lessonCompleted(reportB, 1) == 1)
    let everyone = try server.request("GET", "/api/v1/analytics/courses/python-foundations", headers: admin).json
    #expect(everyone["enrollments"] as? Int == 4 && quizReport(everyone)["attempts"] as? Int == 2)

    let learnersA = try server.request("GET", "/api/v1/analytics/courses/python-foundations?format=csv&table=learners&class=\(classA)", headers: ada)
    #expect(learnersA.status == 200 && (learnersA.headers["Content-Disposition"] as? String)?.contains("class\(classA)-learners") == true)
    let rowsA = learnersA.text.split(separator: "\r\n").map(String.init)
    #expect(rowsA.count == 3, "\(learnersA.text)")
    #expect(rowsA.contains { $0.hasPrefix("\(userIDs["ana"]!),ana,\"López, Ana\",ana@example.org,") && $0.contains(",1,") && $0.contains(",100") }, "\(rowsA)")
    #expect(rowsA.contains { $0.hasPrefix("\(userIDs["ben"]!),ben,Ben,") } && !learnersA.text.contains("cara"))
    let quizzesB = try server.request("GET", "/api/v1/analytics/courses/python-foundations?format=csv&table=quizzes&class=\(classB)", headers: admin)
    let quizRow = try #require(quizzesB.text.split(separator: "\r\n").first { $0.hasPrefix("\(quiz.id),") })
    // attempts 1, learners 1, average best score 0, pass rate 0, before the ten score bands (counted from the end: titles may hold commas).
    let fields = quizRow.split(separator: ",", omittingEmptySubsequences: false)
    #expect(fields[(fields.count - 14)...(fields.count - 11)].joined(separator: ",") == "1,1,0,0", "\(quizRow)")
    let lessonsB = try server.request("GET", "/api/v1/analytics/courses/python-foundations?format=csv&table=lessons&class=\(classB)", headers: admin)
    #expect(lessonsB.text.split(separator: "\r\n").contains { $0.hasPrefix("\(course.lessons[1].id),") && $0.contains(",1,50,") }, "\(lessonsB.text)")
    let questionsA = try server.request("GET", "/api/v1/analytics/courses/python-foundations?format=csv&table=questions&class=\(classA)", headers: ada)
    let firstQuizRows = questionsA.text.split(separator: "\r\n").filter { $0.hasPrefix("\(quiz.id),") }
    #expect(firstQuizRows.count == quiz.questions.count && firstQuizRows.allSatisfy { $0.contains(",1,100,") }, "\(questionsA.text)")

    // The whole server's course rows, for one class.
    for (classID, enrollments, active) in [(classA, [2, 2], [1, 0]), (classB, [2, 2], [1, 0]), (nil, [4, 4], [2, 0])] {
        let system = try server.request("GET", "/api/v1/analytics/system" + (classID.map { "?class=\($0)" } ?? ""), headers: admin)
        let rows = (system.json["courses"] as? [[String: Any]] ?? []).sorted { ($0["course"] as? String ?? "") > ($1["course"] as? String ?? "") }
        #expect(rows.map { $0["enrollments"] as? Int } == enrollments && rows.map { $0["active_learners"] as? Int } == active, "\(system.text)")
    }
    let systemCSV = try server.request("GET", "/api/v1/analytics/system?format=csv&class=\(classB)", headers: admin)
    #expect(systemCSV.status == 200 && (systemCSV.headers["Content-Disposition"] as? String)?.contains("courses-class\(classB).csv") == true)
    #expect(try server.request("GET", "/api/v1/analytics/system?class=\(classB)", headers: ada).status == 403)

    #expect(try server.request("GET", "/api/v1/courses/python-foundations/students?class=999", headers: admin).status == 404)
    #expect(try server.request("GET", "/api/v1/analytics/courses/python-foundations?class=5A", headers: admin).status == 422)

    // Withdrawn by staff, Dan no longer sees the course; his class is left as it was.
    #expect(try server.request("DELETE", "/api/v1/courses/python-foundations/enrollments/\(userIDs["dan"]!)", headers: admin).status == 204)
    #expect(try server.request("DELETE", "/api/v1/courses/python-foundations/enrollments/\(userIDs["dan"]!)", headers: admin).status == 404)
    let dansCourses = try server.request("GET", "/api/v1/enrollments/my-courses", headers: headers["dan"]!).json["items"] as? [[String: Any]]
    #expect(dansCourses?.compactMap { $0["course"] as? String } == ["digital-literacy"])
    #expect(try server.request("GET", "/api/v1/classes/\(classB)", headers: admin).json["member_count"] as? Int == 2)

    // The command line's export, by class.
    let exportA = try runLectern("export", "progress", "--class", "5A", "--db", database)
    #expect(exportA.exitCode == 0 && exportA.stdout.contains("\nana,ana@example.org,python-foundations,lesson,\(course.lessons[0].id),,")
            && exportA.stdout.contains("\nana,ana@example.org,python-foundations,quiz,\(quiz.id),100,") && !exportA.stdout.contains("cara"), "\(exportA.stdout) \(exportA.stderr)")
    let exportB = try runLectern("export", "progress", "--class", "\(classB)", "--db", database)
    #expect(exportB.stdout.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("cara,") }.count == 3 && !exportB.stdout.contains("ana,"), "\(exportB.stdout) \(exportB.stderr)")
    #expect(try runLectern("export", "progress", "--class", "9Z", "--db", database).stderr.contains("no class '9Z'"))

    // The teaching page offers the class picker.
    let page = try server.request("GET", "/teaching.html")
    #expect(page.text.contains("id=\"lectern-teaching-class\""))
    withExtendedLifetime(data) {}  // the SQLite file lives in it
}

@Test(arguments: StoreKind.tested) func classesAreManagedOverHTTP(_ store: StoreKind) throws {
    let (server, data, _) = try startSchool(store, roster: schoolRoster) { database, roster in
        let imported = try runLectern("users", "import", roster.path, "--db", database)
        #expect(imported.exitCode == 0)
    }
    func auth(_ login: String) throws -> [String: String] { ["Authorization": "Bearer \(try token(server, login))"] }
    let admin = try auth("admin"), ada = try auth("ada")
    let dan = try #require(try server.request("GET", "/api/v1/users/me", headers: try auth("dan")).json["id"] as? Int)
    // Ada makes a class of her own, gives it her course and one learner: he is enrolled at once.
    let made = try server.request("POST", "/api/v1/classes", json: ["name": "Python club"], headers: ada)
    #expect(made.status == 201 && (made.json["instructor_ids"] as? [Int])?.count == 1, "\(made.text)")
    let club = try #require(made.json["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/classes", json: ["name": "python CLUB"], headers: admin).status == 409)
    #expect(try server.request("POST", "/api/v1/classes", json: ["name": " "], headers: admin).status == 422)
    #expect(try server.request("POST", "/api/v1/classes/\(club)/courses", json: ["course": "python-foundations"], headers: ada).status == 200)
    // Not her course to hand out.
    #expect(try server.request("POST", "/api/v1/classes/\(club)/courses", json: ["course": "digital-literacy"], headers: ada).status == 403)
    let added = try server.request("POST", "/api/v1/classes/\(club)/members", json: ["user_ids": [dan]], headers: ada)
    #expect(added.status == 201 && added.json["added"] as? [Int] == [dan] && (added.json["enrollments"] as? [Any])?.count == 0, "\(added.text)")
    #expect(try server.request("POST", "/api/v1/classes/\(club)/members", json: ["user_ids": [dan, 99999]], headers: ada).status == 422)
    let adaID = try #require(try server.request("GET", "/api/v1/users/me", headers: ada).json["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/classes/\(club)/members", json: ["user_id": adaID], headers: ada).status == 422)
    let detail = try server.request("GET", "/api/v1/classes/\(club)", headers: ada)
    #expect((detail.json["members"] as? [[String: Any]])?.map { $0["username"] as? String } == ["dan"] && detail.json["courses"] as? [String] == ["python-foundations"])
    // Renamed, archived: gone from the list, closed to changes, back when unarchived.
    #expect(try server.request("PATCH", "/api/v1/classes/\(club)", json: ["name": "Coding club"], headers: ada).json["name"] as? String == "Coding club")
    #expect(try server.request("PATCH", "/api/v1/classes/\(club)", json: ["archived": true], headers: ada).json["archived"] as? Bool == true)
    #expect((try server.request("GET", "/api/v1/classes", headers: ada).json["items"] as? [[String: Any]])?.count == 1)
    #expect((try server.request("GET", "/api/v1/classes?archived=true", headers: ada).json["items"] as? [[String: Any]])?.count == 2)
    #expect(try server.request("DELETE", "/api/v1/classes/\(club)/members/\(dan)", headers: ada).status == 409)
    #expect(try server.request("PATCH", "/api/v1/classes/\(club)", json: ["archived": false], headers: ada).status == 200)
    #expect(try server.request("DELETE", "/api/v1/classes/\(club)/members/\(dan)", headers: ada).status == 204)
    #expect(try server.request("DELETE", "/api/v1/classes/\(club)/courses/python-foundations", headers: ada).status == 204)
    // Dan stays enrolled: leaving a class never ends an enrollment.
    let dansCourses = try server.request("GET", "/api/v1/enrollments/my-courses", headers: try auth("dan")).json["items"] as? [[String: Any]]
    #expect(Set(dansCourses?.compactMap { $0["course"] as? String } ?? []) == ["python-foundations", "digital-literacy"])
    // Staff enroll one learner or a list: created and already enrolled, all or nothing on bad ids.
    let cara = try #require(try server.request("GET", "/api/v1/users/me", headers: try auth("cara")).json["id"] as? Int)
    let bulk = try server.request("POST", "/api/v1/courses/python-foundations/enrollments", json: ["user_ids": [dan, cara]], headers: ada)
    #expect(bulk.status == 200 && Set(bulk.json["already_enrolled"] as? [Int] ?? []) == [dan, cara], "\(bulk.text)")
    #expect(try server.request("POST", "/api/v1/courses/python-foundations/enrollments", json: ["user_ids": [Int]()], headers: ada).status == 422)
    #expect(try server.request("POST", "/api/v1/courses/python-foundations/enrollments", json: ["user_id": adaID], headers: ada).status == 422)
    withExtendedLifetime(data) {}  // the SQLite file lives in it
}

@Test(arguments: StoreKind.tested) func aRosterWithABadRowChangesNothingUnlessPartial(_ store: StoreKind) throws {
    let roster = """
    email,username,name,role,password,class,courses
    ana@example.org,ana,Ana,student,\(password),5A,python-foundations
    not-an-email,bob,Bob,student,\(password),5A,
    cara@example.org,cara,Cara,student,short,5B,
    dan@example.org,dan,Dan,student,\(password),5B,Python Foundations
    "eve@example.org","eve","Eve, \"\"the quiet one\"\"\",student,\(password),5B,python-foundations

    """
    let data = try TemporaryCourse(["roster.csv": roster, "update.csv": "email,username,name,class\nana@example.org,ana,Ana Updated,5B\nana@example.org,eve,Wrong,\n",
                                    "header.csv": "email,username,clas\nx@example.org,x,5A\n", "open.csv": "email,username\n\"a@example.org,a\n"], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    func path(_ name: String) -> String { data.url.appendingPathComponent(name).path }

    let refused = try runLectern("users", "import", path("roster.csv"), "--db", database)
    #expect(refused.exitCode == 1)
    #expect(refused.stderr.contains("roster.csv:3:1: error: email is not a valid address"), "\(refused.stderr)")
    #expect(refused.stderr.contains("roster.csv:4:1: error: password must be at least 10 characters long"))
    #expect(refused.stderr.contains("roster.csv:5:1: error: 'Python' is not a course slug"))
    #expect(refused.stdout.contains("imported nothing: 3 rows refused"))
    #expect(try runLectern("users", "list", "--db", database).stdout.isEmpty)
    #expect(try runLectern("classes", "list", "--db", database).stdout.isEmpty)

    let partial = try runLectern("users", "import", path("roster.csv"), "--partial", "--db", database)
    #expect(partial.exitCode == 1 && partial.stderr.contains("roster.csv:3:1:"))
    #expect(partial.stdout.contains("imported 2 accounts, 3 refused (2 new, 0 updated), 2 new classes, 2 new enrollments"), "\(partial.stdout)")
    let users = try runLectern("users", "list", "--db", database).stdout
    #expect(users.contains("\tana\t") && users.contains("\teve\teve@example.org\tstudent\tapproved\tactive\tEve, \"the quiet one\"") && !users.contains("cara"))
    let classes = try runLectern("classes", "list", "--db", database).stdout
    #expect(classes.contains("\t5A\t1 member\tpython-foundations\tactive") && classes.contains("\t5B\t1 member\tpython-foundations\tactive"), "\(classes)")

    // The same account again (email and username agree) is updated; a row mixing two accounts is refused, and rolls the other back.
    let mixed = try runLectern("users", "import", path("update.csv"), "--db", database)
    #expect(mixed.exitCode == 1 && mixed.stderr.contains("update.csv:3:1: error: email 'ana@example.org' and username 'eve' belong to different accounts"),
            "\(mixed.stderr)")
    #expect(!(try runLectern("users", "list", "--db", database).stdout.contains("Ana Updated")))
    let updated = try runLectern("users", "import", path("update.csv"), "--partial", "--db", database)
    #expect(updated.stdout.contains("(0 new, 1 updated)"), "\(updated.stdout)")
    #expect(try runLectern("users", "list", "--db", database).stdout.contains("\tana\tana@example.org\tstudent\tapproved\tactive\tAna Updated"))
    #expect(try runLectern("classes", "show", "5B", "--db", database).stdout.contains("member\tana\t"))

    let header = try runLectern("users", "import", path("header.csv"), "--db", database)
    #expect(header.exitCode == 1 && header.stderr.contains("header.csv:1:1: error: unknown column 'clas'"), "\(header.stderr)")
    let open = try runLectern("users", "import", path("open.csv"), "--db", database)
    #expect(open.exitCode == 1 && open.stderr.contains("open.csv:2:1: error: the quoted field is never closed"), "\(open.stderr)")
}

@Test(arguments: StoreKind.tested) func classesFromTheCommandLine(_ store: StoreKind) throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    try addUser(database, email: "ana@example.org", username: "ana", role: "student")
    try addUser(database, email: "ada.okafor@example.org", username: "ada", role: "instructor")
    #expect(try runLectern("classes", "create", "5A", "--instructor", "ada", "--db", database).stdout.contains("created class 5A (id 1)"))
    #expect(try runLectern("classes", "create", "5a", "--db", database).stderr.contains("a class with this name exists"))
    #expect(try runLectern("classes", "add-course", "5A", "python-foundations", "--db", database).stdout.contains("0 enrolled"))
    #expect(try runLectern("classes", "add-member", "5A", "ana", "--db", database).stdout.contains("added 1 member to 5A, 1 new enrollment"))
    #expect(try runLectern("classes", "add-member", "5A", "ada", "--db", database).stderr.contains("'ada' is not a student account"))
    #expect(try runLectern("classes", "rename", "1", "Year 5A", "--db", database).stdout.contains("renamed to Year 5A"))
    let shown = try runLectern("classes", "show", "Year 5A", "--db", database).stdout
    #expect(shown.contains("courses: python-foundations") && shown.contains("instructor\tada\t") && shown.contains("member\tana\t"), "\(shown)")
    #expect(try runLectern("classes", "archive", "Year 5A", "--db", database).exitCode == 0)
    #expect(try runLectern("classes", "list", "--db", database).stdout.isEmpty)
    #expect(try runLectern("classes", "list", "--archived", "--db", database).stdout.contains("Year 5A\t1 member\tpython-foundations\tarchived"))
    #expect(try runLectern("classes", "remove-member", "Year 5A", "ana", "--db", database).stderr.contains("archived"))
    #expect(try runLectern("classes", "show", "nope", "--db", database).stderr.contains("no class 'nope'"))
    #expect(try runLectern("classes", "frobnicate", "--db", database).exitCode == 64)
}
