// The inbox (issue 18 §3): announcements an instructor sends to a course or to one class, each account's
// own notifications read and marked, and an instructor told of their approval (pruning: ActivityRetentionTests).
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func announcementsReachTheCourseOrOneClassAndEachInboxIsItsOwn(_ store: StoreKind) throws {
    let (server, data, _) = try startSchool(store, roster: schoolRoster) { database, roster in
        let imported = try runLectern("users", "import", roster.path, "--db", database)
        #expect(imported.exitCode == 0, "\(imported.stderr)")
    }
    defer { withExtendedLifetime(data) {} }
    func auth(_ login: String) throws -> [String: String] { ["Authorization": "Bearer \(try token(server, login))"] }
    try registerAndLogin(server, "eve")
    let admin = try auth("admin"), ada = try auth("ada"), ana = try auth("ana"), ben = try auth("ben"), cara = try auth("cara"), eve = try auth("eve")
    let classes = try #require(try server.request("GET", "/api/v1/classes", headers: admin).json["items"] as? [[String: Any]])
    let ids = Dictionary(uniqueKeysWithValues: classes.compactMap { entry in (entry["name"] as? String).map { ($0, entry["id"] as? Int ?? 0) } })
    let (classA, classB) = (try #require(ids["5A"]), try #require(ids["5B"]))
    // 5A takes the Python course (Ana and Ben), as does Cara of 5B; Eve registered and enrolled nowhere.
    #expect(try server.request("POST", "/api/v1/classes/\(classA)/courses", json: ["course": "python-foundations"], headers: admin).status == 200)
    let students = try server.request("GET", "/api/v1/courses/python-foundations/students?page_size=100", headers: admin).json
    let learners = try #require(students["total"] as? Int)
    #expect(learners >= 3)
    let path = "/api/v1/courses/python-foundations/announcements"

    let everyone = try server.request("POST", path, json: ["title": "Field trip", "body": "Bring a packed lunch.\nWe leave at nine."], headers: ada)
    #expect(everyone.status == 201 && everyone.json["recipients"] as? Int == learners && everyone.json["class_id"] == nil, "\(everyone.text)")
    let toClass = try server.request("POST", path, json: ["title": "5A: test on Friday", "body": "", "class_id": classA], headers: ada)
    #expect(toClass.status == 201 && toClass.json["recipients"] as? Int == 2, "\(toClass.text)")
    let classAnnouncement = try #require(toClass.json["id"] as? Int)

    func unread(_ headers: [String: String]) throws -> Int? {
        try server.request("GET", "/api/v1/notifications/unread-count", headers: headers).json["unread"] as? Int
    }
    #expect(try unread(ana) == 2 && unread(ben) == 2 && unread(cara) == 1 && unread(eve) == 0 && unread(ada) == 0)
    let inbox = try server.request("GET", "/api/v1/notifications", headers: ana).json
    let items = try #require(inbox["items"] as? [[String: Any]])
    #expect(items.map { $0["subject"] as? String } == ["5A: test on Friday", "Field trip"])
    #expect(items.allSatisfy { $0["kind"] as? String == "announcement" && $0["course"] as? String == "python-foundations"
                               && $0["link"] as? String == "python-foundations/index.html" && $0["read_at"] == nil })
    #expect(items.last?["detail"] as? String == "Bring a packed lunch.\nWe leave at nine.")
    #expect(inbox["total"] as? Int == 2 && inbox["unread"] as? Int == 2 && inbox["pages"] as? Int == 1)

    // Who may send: Ada does not teach 5B; learners send nothing; bad fields are named.
    #expect(try server.request("POST", path, json: ["title": "Hi", "body": "", "class_id": classB], headers: ada).status == 403)
    #expect(try server.request("POST", path, json: ["title": "Hi", "body": ""], headers: ana).status == 403)
    #expect(try server.request("POST", path, json: ["title": "Hi", "body": ""]).status == 401)
    #expect(try server.request("POST", path, json: ["title": "Hi", "body": "", "class_id": 999], headers: admin).status == 404)
    #expect(try server.request("POST", "/api/v1/courses/digital-literacy/announcements", json: ["title": "Hi", "body": "", "class_id": classA],
                               headers: admin).status == 422)  // 5A does not take that course
    for (field, body) in [("title", ["title": "   ", "body": ""]), ("title", ["title": "Line\nbreak", "body": ""]),
                          ("body", ["title": "Long", "body": String(repeating: "x", count: 5001)])] {
        let refused = try server.request("POST", path, json: body, headers: ada)
        #expect(refused.status == 422 && (refused.json["errors"] as? [[String: Any]])?.first?["field"] as? String == field, "\(refused.text)")
    }

    // Who may read: the staff see every announcement, a learner those sent to them, others nothing.
    #expect(try server.request("GET", path, headers: ada).json["total"] as? Int == 2)
    #expect(try server.request("GET", path, headers: cara).json["total"] as? Int == 1)
    #expect(try server.request("GET", path, headers: eve).status == 403)

    // Marking read: one's own only; a repeated mark keeps the first time; all at once.
    let first = try #require(items.first?["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/notifications/\(first)/read", headers: cara).status == 404)
    #expect(try server.request("POST", "/api/v1/notifications/\(first)/read", headers: ana).status == 204)
    let readAt = try server.request("GET", "/api/v1/notifications", headers: ana).json
    let stamped = (readAt["items"] as? [[String: Any]])?.first?["read_at"] as? String
    #expect(stamped != nil && readAt["unread"] as? Int == 1)
    #expect(try server.request("POST", "/api/v1/notifications/\(first)/read", headers: ana).status == 204)
    #expect((try server.request("GET", "/api/v1/notifications", headers: ana).json["items"] as? [[String: Any]])?.first?["read_at"] as? String == stamped)
    #expect(try server.request("GET", "/api/v1/notifications?unread=true", headers: ana).json["total"] as? Int == 1)
    #expect(try server.request("GET", "/api/v1/notifications?unread=maybe", headers: ana).status == 422)
    #expect(try server.request("POST", "/api/v1/notifications/read-all", headers: ana).json["marked"] as? Int == 1)
    #expect(try unread(ana) == 0 && unread(ben) == 2)

    // Withdrawing the class's announcement takes it out of every inbox it reached.
    #expect(try server.request("DELETE", "\(path)/\(classAnnouncement)", headers: ana).status == 403)
    #expect(try server.request("DELETE", "\(path)/\(classAnnouncement)", headers: ada).status == 204)
    #expect(try server.request("DELETE", "\(path)/\(classAnnouncement)", headers: ada).status == 404)
    #expect(try unread(ben) == 1 && server.request("GET", "/api/v1/notifications", headers: ana).json["total"] as? Int == 1)
}

@Test(arguments: StoreKind.tested) func anApprovedInstructorIsToldOnce(_ store: StoreKind) throws {
    let (server, data) = try startServer(store: store, staff: [adminAccount])
    defer { withExtendedLifetime(data) {} }
    let created = try server.request("POST", "/api/v1/auth/register", json: ["email": "new.teacher@example.org", "username": "newteacher",
                                                                            "password": studentPassword, "role": "instructor"])
    let teacherID = try #require((created.json["user"] as? [String: Any])?["id"] as? Int ?? created.json["id"] as? Int, "\(created.text)")
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    #expect(try server.request("PATCH", "/api/v1/users/\(teacherID)", json: ["approved": true], headers: admin).status == 200)
    // Approving again tells nobody again.
    #expect(try server.request("PATCH", "/api/v1/users/\(teacherID)", json: ["approved": true], headers: admin).status == 200)
    let teacher = ["Authorization": "Bearer \(try token(server, "newteacher"))"]
    let inbox = try server.request("GET", "/api/v1/notifications", headers: teacher).json
    #expect((inbox["items"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["instructor_approved"], "\(inbox)")
    #expect(try server.request("GET", "/api/v1/notifications", headers: admin).json["total"] as? Int == 0)
}
