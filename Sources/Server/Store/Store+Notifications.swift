import Foundation
import SQLite

/// One message in a learner's or instructor's inbox. The page words it in its own language from `kind`,
/// `courseTitle` and `subject`; `link` is the site page it leads to, relative to the site root.
public struct InboxNotification: Sendable, Codable, Equatable {
    public var id: Int
    /// `announcement`, `certificate_issued`, `assignment_graded`, `reply` or `instructor_approved`.
    public var kind: String
    public var course: String?
    /// The course's title as served now (filled in by the route; nil for a course no longer served).
    public var courseTitle: String?
    /// The announcement's, assignment's or topic's title; empty when the kind says it all.
    public var subject: String
    /// More text: an announcement's body, a grade.
    public var detail: String
    public var link: String
    @Timestamp public var createdAt: Int
    @OptionalTimestamp public var readAt: Int?
}

/// A message an instructor sent to a course's learners, or to one class's learners in it.
public struct Announcement: Sendable, Codable, Equatable {
    public var id: Int
    public var course: String
    public var classId: Int?
    public var authorId: Int?
    public var author: String
    public var title: String
    public var body: String
    @Timestamp public var createdAt: Int
    /// How many learners it was sent to.
    public var recipients: Int
}

/// Kinds of notifications the server sends; the inbox page has words for each.
enum NotificationKind: String, CaseIterable {
    case announcement, certificateIssued = "certificate_issued", assignmentGraded = "assignment_graded", reply
    case instructorApproved = "instructor_approved"
}

extension Store {
    static let notificationColumns = "id, kind, course, subject, detail, link, created_at, read_at"

    static func notification(_ row: Row) -> InboxNotification {
        InboxNotification(id: row.int(0), kind: row.string(1) ?? "", course: row.string(2), courseTitle: nil, subject: row.string(3) ?? "",
                          detail: row.string(4) ?? "", link: row.string(5) ?? "", createdAt: row.int(6),
                          readAt: row.isNull(7) ? nil : row.int(7))
    }

    /// Puts a notification in each account's inbox, inside the caller's transaction: the event and its
    /// notification are committed together, or neither is.
    static func notify(_ db: any Database, userIDs: [Int], kind: NotificationKind, course: String?, subject: String = "",
                       detail: String = "", link: String = "", announcementID: Int? = nil) throws {
        let insert = db.prepare("INSERT INTO notification (user_id, kind, course, subject, detail, link, announcement_id, created_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for userID in userIDs {
            try insert.run([.integer(Int64(userID)), .text(kind.rawValue), course.map { .text($0) } ?? .null, .text(subject), .text(detail),
                            .text(link), announcementID.map { .integer(Int64($0)) } ?? .null, .integer(Int64(now))])
        }
    }

    func notifications(userID: Int, unreadOnly: Bool, limit: Int, offset: Int) throws -> (items: [InboxNotification], total: Int, unread: Int) {
        try read { db in
            let unread = try db.prepare("SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL")
                .first([.integer(Int64(userID))]) { $0.int(0) } ?? 0
            let filter = unreadOnly ? "user_id = ? AND read_at IS NULL" : "user_id = ?"
            let total = unreadOnly ? unread : try db.prepare("SELECT count(*) FROM notification WHERE \(filter)")
                .first([.integer(Int64(userID))]) { $0.int(0) } ?? 0
            let items = try db.prepare("SELECT \(Self.notificationColumns) FROM notification WHERE \(filter) ORDER BY id DESC LIMIT ? OFFSET ?")
                .rows([.integer(Int64(userID)), .integer(Int64(limit)), .integer(Int64(offset))], Self.notification)
            return (items, total, unread)
        }
    }

    func unreadNotifications(userID: Int) throws -> Int {
        try read { db in
            try db.prepare("SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL").first([.integer(Int64(userID))]) { $0.int(0) } ?? 0
        }
    }

    /// Marks one of the account's notifications read (again: the first time is kept); false when it has none with this id.
    func markNotificationRead(id: Int, userID: Int) throws -> Bool {
        try write { db in
            let found = try db.prepare("SELECT count(*) FROM notification WHERE id = ? AND user_id = ?")
                .first([.integer(Int64(id)), .integer(Int64(userID))]) { $0.int(0) } ?? 0
            try db.prepare("UPDATE notification SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL")
                .run([.integer(Int64(Self.now)), .integer(Int64(id)), .integer(Int64(userID))])
            return found > 0
        }
    }

    /// Marks every unread notification of the account read; returns how many were.
    func markAllNotificationsRead(userID: Int) throws -> Int {
        try write { db in
            try db.prepare("UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
                .run([.integer(Int64(Self.now)), .integer(Int64(userID))])
        }
    }

    /// Removes notifications older than `days` days, read or not; returns how many.
    @discardableResult
    public func pruneNotifications(olderThanDays days: Int) throws -> Int {
        try write { db in
            try db.prepare("DELETE FROM notification WHERE created_at < ?").run([.integer(Int64(Self.now - days * 86400))])
        }
    }

    static let announcementColumns = "a.id, a.course, a.class_id, a.author_id, COALESCE(u.name, ''), COALESCE(u.username, ''), a.title, a.body, a.created_at, "
        + "(SELECT count(*) FROM notification n WHERE n.announcement_id = a.id)"

    static func announcement(_ row: Row) -> Announcement {
        let name = row.string(4) ?? ""
        return Announcement(id: row.int(0), course: row.string(1) ?? "", classId: row.isNull(2) ? nil : row.int(2),
                            authorId: row.isNull(3) ? nil : row.int(3), author: name.isEmpty ? row.string(5) ?? "" : name,
                            title: row.string(6) ?? "", body: row.string(7) ?? "", createdAt: row.int(8), recipients: row.int(9))
    }

    /// Records an announcement and puts it in the inbox of the course's enrolled learners (only the class's
    /// members when `classID` is set), in one transaction.
    func announce(course: String, classID: Int?, authorID: Int, title: String, body: String, link: String) throws -> Announcement {
        let id = try write { db -> Int in
            let id = try db.prepare("INSERT INTO announcement (course, class_id, author_id, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .first([.text(course), classID.map { .integer(Int64($0)) } ?? .null, .integer(Int64(authorID)), .text(title), .text(body),
                        .integer(Int64(Self.now))]) { $0.int(0) } ?? 0
            // Learners only: the course's staff write announcements, they do not need them in their inbox.
            var recipients = "SELECT e.user_id FROM enrollment e JOIN \"user\" u ON u.id = e.user_id "
                + "WHERE e.course = ? AND u.role = 'student' AND u.deleted = 0"
            var values: [SQLValue] = [.text(course)]
            if let classID {
                recipients += " AND e.user_id IN (SELECT user_id FROM class_member WHERE class_id = ?)"
                values.append(.integer(Int64(classID)))
            }
            let learners = try db.prepare(recipients + " ORDER BY e.user_id").rows(values) { $0.int(0) }
            try Self.notify(db, userIDs: learners, kind: .announcement, course: course, subject: title, detail: body, link: link, announcementID: id)
            return id
        }
        return try announcement(id: id)!
    }

    func announcement(id: Int) throws -> Announcement? {
        try read { db in
            try db.prepare("SELECT \(Self.announcementColumns) FROM announcement a LEFT JOIN \"user\" u ON u.id = a.author_id WHERE a.id = ?")
                .first([.integer(Int64(id))], Self.announcement)
        }
    }

    /// A course's announcements, newest first: all of them, or those a learner was sent (`recipientID`).
    func announcements(course: String, recipientID: Int?, limit: Int, offset: Int) throws -> (items: [Announcement], total: Int) {
        try read { db in
            let filter = recipientID == nil ? "a.course = ?1 AND CAST(?2 AS BIGINT) IS NULL"
                : "a.course = ?1 AND a.id IN (SELECT announcement_id FROM notification WHERE user_id = ?2 AND announcement_id IS NOT NULL)"
            let values: [SQLValue] = [.text(course), recipientID.map { .integer(Int64($0)) } ?? .null]
            let total = try db.prepare("SELECT count(*) FROM announcement a WHERE \(filter)").first(values) { $0.int(0) } ?? 0
            let items = try db.prepare("SELECT \(Self.announcementColumns) FROM announcement a LEFT JOIN \"user\" u ON u.id = a.author_id "
                                       + "WHERE \(filter) ORDER BY a.id DESC LIMIT ?3 OFFSET ?4")
                .rows(values + [.integer(Int64(limit)), .integer(Int64(offset))], Self.announcement)
            return (items, total)
        }
    }

    /// Deletes an announcement and the notifications it sent.
    func deleteAnnouncement(id: Int) throws {
        try write { db in
            try db.prepare("DELETE FROM notification WHERE announcement_id = ?").run([.integer(Int64(id))])
            try db.prepare("DELETE FROM announcement WHERE id = ?").run([.integer(Int64(id))])
        }
    }
}
