/// The inbox and the announcements that fill it (`Store+Notifications`).
protocol NotificationStorage: Sendable {
    /// One page of an account's notifications, newest first, with the total and the unread count.
    func notifications(userID: Int, unreadOnly: Bool, limit: Int, offset: Int) throws -> (items: [InboxNotification], total: Int, unread: Int)
    func unreadNotifications(userID: Int) throws -> Int
    /// false when the account has no notification with this id.
    func markNotificationRead(id: Int, userID: Int) throws -> Bool
    func markAllNotificationsRead(userID: Int) throws -> Int
    /// Records the announcement and sends it to the course's learners (of one class when `classID` is set).
    func announce(course: String, classID: Int?, authorID: Int, title: String, body: String, link: String) throws -> Announcement
    func announcement(id: Int) throws -> Announcement?
    /// A course's announcements, newest first: every one, or those sent to `recipientID`.
    func announcements(course: String, recipientID: Int?, limit: Int, offset: Int) throws -> (items: [Announcement], total: Int)
    func deleteAnnouncement(id: Int) throws
}
