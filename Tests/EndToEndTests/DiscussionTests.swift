// Lesson discussions over HTTP with a real database: posting, replying, moderation, the safe Markdown
// subset, limits, and who may do what.
import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

/// A moderated course (`garden`, taught by teacher@example.org) and one without a discussion (`quiet`),
/// served together, with a student enrolled in the garden and another in the quiet course only.
private func startDiscussionServer(_ store: StoreKind) throws -> (LecternProcess, [String: [String: String]], [TemporaryCourse], String) {
    let garden = try TemporaryCourse([
        "course.yaml": "title: Garden\ncompletion: {require: lessons}\ndiscussion: moderated\ninstructors:\n  - {name: Teacher, email: teacher@example.org}\n",
        "01-seeds/01-sowing.md": "# Sowing\n",
        "01-seeds/02-watering.md": "# Watering\n",
    ], name: "garden")
    let quiet = try TemporaryCourse(["course.yaml": "title: Quiet\ncompletion: {require: lessons}\n", "01-a/01-only.md": "# Only\n"], name: "quiet")
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    for (username, email, role) in [("teacher", "teacher@example.org", "instructor"), ("otherteacher", "other@example.org", "instructor"), adminAccount] {
        try addUser(database, email: email, username: username, role: role)
    }
    let server = try LecternProcess(["serve", garden.url.path, quiet.url.path, "--port", "0", "--db", database,
                                     "--rate-limit", "5000", "--account-rate-limit", "5000"])
    var headers: [String: [String: String]] = ["anonymous": [:]]
    for login in ["student", "otherstudent", "outsider"] { try registerAndLogin(server, login) }
    for login in ["student", "otherstudent", "outsider", "teacher", "otherteacher", "admin"] {
        headers[login] = ["Authorization": "Bearer \(try token(server, login))"]
    }
    for (login, course) in [("student", "garden"), ("otherstudent", "garden"), ("outsider", "quiet")] {
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": course], headers: headers[login]!).status == 201)
    }
    return (server, headers, [garden, quiet, data], database)
}

@Test(arguments: StoreKind.tested) func postingReplyingAndTheSafeMarkdownSubset(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [("teacher", "ada.okafor@example.org", "instructor")])
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let lesson = course.lessons[0].id
    var as_: [String: [String: String]] = [:]
    for login in ["student", "classmate"] {
        try registerAndLogin(server, login)
        as_[login] = ["Authorization": "Bearer \(try token(server, login))"]
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: as_[login]!).status == 201)
    }
    as_["teacher"] = ["Authorization": "Bearer \(try token(server, "teacher"))"]
    let base = "/api/v1/courses/python-foundations/discussion"

    // Raw HTML, script URLs and outside images come back inert; the Markdown around them still renders.
    let hostile = """
        **Why** does `print` need brackets? <script>alert(1)</script> <img src=x onerror=alert(2)>
        [click](javascript:alert(3)) [docs](https://docs.python.org) ![tracker](http://evil.example/pixel.png)
        <a href="javascript:alert(4)">raw</a>
        """
    let topic = try server.request("POST", base, json: ["lesson": lesson, "title": "<b>Brackets</b>", "body": hostile], headers: as_["student"]!)
    #expect(topic.status == 201 && topic.json["state"] as? String == "published", "\(topic.text)")
    let html = try #require(topic.json["html"] as? String)
    #expect(html.contains("<strong>Why</strong>") && html.contains("<code>print</code>"), "\(html)")
    for inert in ["<script", "<img", "onerror", "javascript:", "evil.example", "<a href=\"javascript"] {
        #expect(!html.contains(inert), "\(inert) in \(html)")
    }
    #expect(html.contains("<a rel=\"nofollow noopener\" href=\"https://docs.python.org\">docs</a>") && html.contains("tracker"), "\(html)")
    // The title is text, kept as written; the page escapes it.
    #expect(topic.json["title"] as? String == "<b>Brackets</b>" && topic.json["lesson"] as? String == lesson)
    let topicID = try #require(topic.json["id"] as? Int)

    // A classmate replies; the topic counts it, and the course home's discussion is another place.
    let reply = try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "Because it is a *function*."], headers: as_["classmate"]!)
    #expect(reply.status == 201 && reply.json["topic_id"] as? Int == topicID, "\(reply.text)")
    let replyID = try #require(reply.json["id"] as? Int)
    // The topic's author is told, with the way to the lesson; the replier is not told of their own reply.
    let told = try server.request("GET", "/api/v1/notifications", headers: as_["student"]!).json["items"] as? [[String: Any]] ?? []
    let page = try #require(SiteBuilder.pagePaths(for: course)[lesson])
    #expect(told.count == 1 && told.first?["kind"] as? String == "reply" && told.first?["subject"] as? String == "<b>Brackets</b>"
            && told.first?["link"] as? String == "python-foundations/\(page)", "\(told)")
    #expect(try server.request("GET", "/api/v1/notifications/unread-count", headers: as_["classmate"]!).json["unread"] as? Int == 0)
    let listed = try server.request("GET", "\(base)?lesson=\(lesson)", headers: as_["classmate"]!)
    #expect(listed.json["total"] as? Int == 1 && (listed.json["items"] as? [[String: Any]])?.first?["replies"] as? Int == 1, "\(listed.text)")
    #expect(try server.request("GET", base, headers: as_["classmate"]!).json["total"] as? Int == 0)
    #expect(try server.request("GET", "\(base)?lesson=no-such-lesson", headers: as_["classmate"]!).status == 404)
    let thread = try server.request("GET", "/api/v1/discussion/\(topicID)", headers: as_["student"]!)
    #expect((thread.json["replies"] as? [[String: Any]])?.map { $0["id"] as? Int } == [replyID], "\(thread.text)")
    #expect(try server.request("GET", "/api/v1/discussion/\(replyID)", headers: as_["student"]!).status == 404)

    // Its author edits within the window; nobody else does, not even the teacher.
    let edited = try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["body": "Why brackets?"], headers: as_["student"]!)
    #expect(edited.status == 200 && edited.json["edited_at"] is String && edited.json["html"] as? String == "<p>Why brackets?</p>\n", "\(edited.text)")
    #expect(try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["body": "Mine now"], headers: as_["classmate"]!).status == 403)
    #expect(try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["body": "Mine now"], headers: as_["teacher"]!).status == 403)
    // Moderation is the staff's.
    #expect(try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["pinned": true], headers: as_["student"]!).status == 403)

    // Sizes: empty, too long, a title on two lines.
    #expect(try server.request("POST", base, json: ["title": " ", "body": "x"], headers: as_["student"]!).status == 422)
    #expect(try server.request("POST", base, json: ["title": "A\nB", "body": "x"], headers: as_["student"]!).status == 422)
    #expect(try server.request("POST", base, json: ["title": "Long", "body": String(repeating: "a", count: 5001)], headers: as_["student"]!).status == 422)
    #expect(try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": ""], headers: as_["student"]!).status == 422)

    // The teacher pins and locks: learners can no longer reply, the teacher still can.
    let locked = try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["pinned": true, "locked": true], headers: as_["teacher"]!)
    #expect(locked.json["pinned"] as? Bool == true && locked.json["locked"] as? Bool == true, "\(locked.text)")
    #expect(try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "Me too"], headers: as_["classmate"]!).status == 409)
    #expect(try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "Answered above."], headers: as_["teacher"]!).status == 201)
    // A hidden reply stays visible to its author and the staff only.
    #expect(try server.request("PATCH", "/api/v1/discussion/\(replyID)", json: ["state": "hidden"], headers: as_["teacher"]!).json["state"] as? String == "hidden")
    #expect(try server.request("GET", "/api/v1/discussion/\(topicID)", headers: as_["student"]!).json["topic"].flatMap { ($0 as? [String: Any])?["replies"] as? Int } == 1)
    #expect(try server.request("GET", "/api/v1/discussion/\(replyID)", headers: as_["student"]!).status == 404)
    #expect(try server.request("PATCH", "/api/v1/discussion/\(replyID)", json: ["pinned": true], headers: as_["teacher"]!).status == 422)

    // Ten posts in ten minutes, then 429 with Retry-After; the teacher is not limited.
    var statuses: [Int] = []
    for number in 1...10 { statuses.append(try server.request("POST", base, json: ["title": "Question \(number)", "body": "?"], headers: as_["student"]!).status) }
    #expect(statuses == Array(repeating: 201, count: 9) + [429], "\(statuses)")
    #expect(try server.request("POST", base, json: ["title": "Note", "body": "Read the FAQ."], headers: as_["teacher"]!).status == 201)
    // The pinned topic comes first in its place.
    let first = try server.request("GET", "\(base)?lesson=\(lesson)", headers: as_["student"]!).json["items"] as? [[String: Any]]
    #expect(first?.first?["id"] as? Int == topicID)

    // The teacher deletes the topic, and its replies with it.
    #expect(try server.request("DELETE", "/api/v1/discussion/\(topicID)", headers: as_["teacher"]!).status == 204)
    #expect(try server.request("GET", "/api/v1/discussion/\(topicID)", headers: as_["teacher"]!).status == 404)
    #expect(try server.request("DELETE", "/api/v1/discussion/\(replyID)", headers: as_["teacher"]!).status == 404)
}

@Test(arguments: StoreKind.tested) func aModeratedCourseHoldsLearnersPostsForTheTeacher(_ store: StoreKind) throws {
    let (server, as_, folders, _) = try startDiscussionServer(store)
    defer { withExtendedLifetime(folders) {} }
    let base = "/api/v1/courses/garden/discussion"
    let topic = try server.request("POST", base, json: ["title": "Worms", "body": "Are worms good?"], headers: as_["student"]!)
    #expect(topic.status == 201 && topic.json["state"] as? String == "pending" && topic.json["lesson"] == nil, "\(topic.text)")
    let topicID = try #require(topic.json["id"] as? Int)
    // Waiting: its author sees it, classmates do not, the teacher finds it in the queue.
    #expect(try server.request("GET", base, headers: as_["student"]!).json["total"] as? Int == 1)
    #expect(try server.request("GET", base, headers: as_["otherstudent"]!).json["total"] as? Int == 0)
    #expect(try server.request("GET", "/api/v1/discussion/\(topicID)", headers: as_["otherstudent"]!).status == 404)
    #expect(try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "Yes"], headers: as_["student"]!).status == 409)
    let queue = try server.request("GET", "\(base)/queue", headers: as_["teacher"]!)
    #expect((queue.json["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [topicID], "\(queue.text)")
    // Approved, it is everyone's; a reply waits in turn; the teacher's own posts do not.
    #expect(try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["state": "published"], headers: as_["teacher"]!).status == 200)
    #expect(try server.request("GET", base, headers: as_["otherstudent"]!).json["total"] as? Int == 1)
    let reply = try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "Worms are great!"], headers: as_["otherstudent"]!)
    #expect(reply.json["state"] as? String == "pending")
    let teacherReply = try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "They are."], headers: as_["teacher"]!)
    #expect(teacherReply.json["state"] as? String == "published")
    // The waiting reply told nobody; the teacher's published one told the topic's author.
    func replies(_ login: String) throws -> Int {
        (try server.request("GET", "/api/v1/notifications", headers: as_[login]!).json["items"] as? [[String: Any]] ?? [])
            .filter { $0["kind"] as? String == "reply" }.count
    }
    #expect(try replies("student") == 1)
    // Approving a waiting reply tells the topic's author then.
    let approved = try server.request("POST", "/api/v1/discussion/\(topicID)/replies", json: ["body": "Worms help the soil."], headers: as_["otherstudent"]!)
    let approvedID = try #require(approved.json["id"] as? Int)
    #expect(try replies("student") == 1)
    #expect(try server.request("PATCH", "/api/v1/discussion/\(approvedID)", json: ["state": "published"], headers: as_["teacher"]!).status == 200)
    #expect(try replies("student") == 2)
    // Rejecting is deleting.
    let replyID = try #require(reply.json["id"] as? Int)
    #expect(try server.request("DELETE", "/api/v1/discussion/\(replyID)", headers: as_["teacher"]!).status == 204)
    #expect(try server.request("GET", "\(base)/queue", headers: as_["teacher"]!).json["total"] as? Int == 0)
    // A learner's edit of an approved post waits for approval again.
    let edited = try server.request("PATCH", "/api/v1/discussion/\(topicID)", json: ["title": "Worms?"], headers: as_["student"]!)
    #expect(edited.json["state"] as? String == "pending" && edited.json["title"] as? String == "Worms?", "\(edited.text)")
    #expect(try server.request("GET", "\(base)/queue", headers: as_["admin"]!).json["total"] as? Int == 1)
}

@Test(arguments: StoreKind.tested) func discussionPermissionsForEveryRole(_ store: StoreKind) throws {
    let (server, as_, folders, _) = try startDiscussionServer(store)
    defer { withExtendedLifetime(folders) {} }
    let base = "/api/v1/courses/garden/discussion"
    let topic = try #require(try server.request("POST", base, json: ["lesson": "seeds.sowing", "title": "Depth", "body": "How deep?"],
                                               headers: as_["teacher"]!).json["id"] as? Int)
    let own = try #require(try server.request("POST", base, json: ["title": "Mine", "body": "Pending"], headers: as_["student"]!).json["id"] as? Int)
    let roles = ["anonymous", "student", "otherstudent", "outsider", "teacher", "otherteacher", "admin"]
    // method, path, body, expected status for each role in `roles` order. `outsider` is a learner of another course.
    let table: [(String, String, [String: Any]?, [Int])] = [
        ("GET", base, nil, [401, 200, 200, 403, 200, 403, 200]),
        ("GET", "\(base)?lesson=seeds.sowing", nil, [401, 200, 200, 403, 200, 403, 200]),
        ("POST", base, ["lesson": "seeds.watering", "title": "Rain", "body": "Enough?"], [401, 201, 201, 403, 201, 403, 201]),
        ("GET", "\(base)/queue", nil, [401, 403, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/discussion/\(topic)", nil, [401, 200, 200, 403, 200, 403, 200]),
        ("POST", "/api/v1/discussion/\(topic)/replies", ["body": "Two fingers"], [401, 201, 201, 403, 201, 403, 201]),
        ("GET", "/api/v1/discussion/\(own)", nil, [401, 200, 404, 403, 200, 403, 200]),
        ("PATCH", "/api/v1/discussion/\(own)", ["body": "Edited"], [401, 200, 404, 403, 403, 403, 403]),
        ("PATCH", "/api/v1/discussion/\(topic)", ["locked": true], [401, 403, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/courses/quiet/discussion", nil, [401, 404, 404, 404, 404, 404, 404]),
        ("GET", "/api/v1/courses/nope/discussion", nil, [401, 404, 404, 404, 404, 404, 404]),
        ("GET", "/api/v1/courses/nope/discussion/queue", nil, [401, 403, 403, 403, 404, 404, 404]),
        ("GET", "/api/v1/discussion/999999", nil, [401, 404, 404, 404, 404, 404, 404]),
        ("DELETE", "/api/v1/discussion/\(own)", nil, [401, 204, 404, 404, 404, 404, 404]),
    ]
    for (method, path, body, expected) in table {
        for (role, status) in zip(roles, expected) {
            let response = try server.request(method, path, json: body, headers: as_[role]!)
            #expect(response.status == status, "\(method) \(path) as \(role): \(response.status) \(response.text)")
        }
    }
    #expect(try server.request("DELETE", "/api/v1/discussion/\(topic)", headers: as_["otherstudent"]!).status == 403)
    // A disabled learner loses the discussion at once, token or not.
    let studentID = try #require(try server.request("GET", "/api/v1/users/me", headers: as_["student"]!).json["id"] as? Int)
    #expect(try server.request("PATCH", "/api/v1/users/\(studentID)", json: ["active": false], headers: as_["admin"]!).status == 200)
    for (method, path, body) in [("GET", base, nil), ("POST", base, ["title": "Still?", "body": "x"]), ("GET", "/api/v1/discussion/\(topic)", nil),
                                 ("POST", "/api/v1/discussion/\(topic)/replies", ["body": "x"]), ("DELETE", "/api/v1/discussion/\(topic)", nil)] as [(String, String, [String: Any]?)] {
        #expect(try server.request(method, path, json: body, headers: as_["student"]!).status == 403, "\(method) \(path)")
    }
}

@Test(arguments: StoreKind.tested) func authorsMayChangeOrDeleteAPostForFifteenMinutesOnly(_ store: StoreKind) throws {
    let (server, as_, folders, database) = try startDiscussionServer(store)
    defer { withExtendedLifetime(folders) {} }
    let topic = try #require(try server.request("POST", "/api/v1/courses/garden/discussion", json: ["title": "Soil", "body": "Which?"],
                                               headers: as_["student"]!).json["id"] as? Int)
    #expect(try server.request("PATCH", "/api/v1/discussion/\(topic)", json: ["body": "Which soil?"], headers: as_["student"]!).status == 200)
    // Sixteen minutes later, as the database tells it.
    let aged = "UPDATE discussion_post SET created_at = created_at - 960"
    switch store {
    case .sqlite: #expect(try runTool("sqlite3", [database, aged]).status == 0)
    case .postgres:
        // postgresql:///<name>?host=…&user=postgres
        let name = try #require(database.dropFirst("postgresql:///".count).split(separator: "?").first.map(String.init))
        try TestPostgres.shared.get().psql(aged, database: name)
    }
    let late = try server.request("PATCH", "/api/v1/discussion/\(topic)", json: ["body": "Too late"], headers: as_["student"]!)
    #expect(late.status == 403 && late.json["code"] as? String == "edit_window_over", "\(late.text)")
    #expect(try server.request("DELETE", "/api/v1/discussion/\(topic)", headers: as_["student"]!).status == 403)
    // The teacher still moderates it.
    #expect(try server.request("DELETE", "/api/v1/discussion/\(topic)", headers: as_["teacher"]!).status == 204)
}
