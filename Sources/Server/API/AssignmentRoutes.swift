import CourseModel
import Foundation
import HTTP
import Utilities
import Zip

/// Assignments handed in on the kiosk: a learner's own submission (text, files one per request, streamed
/// to disk), and for the course's staff the list, downloads, a ZIP of everything and grading.
struct AssignmentRoutes {
    let catalog: Catalog
    let store: any Storage
    let files: SubmissionFiles
    let limits: SubmissionLimits

    /// The largest text a submission keeps, in characters.
    static let maxTextLength = 50_000
    /// The most a ZIP of all submissions may hold, so one request cannot keep the server busy for long.
    static let maxArchiveBytes = 1024 * 1024 * 1024

    func register(into router: inout Router) {
        let base = "/api/v1/courses/{slug}/assignments/{assignment}"
        router.add("GET", base + "/submission") { try mine($0) }
        router.add("PUT", base + "/submission") { try saveText($0) }
        router.add("POST", base + "/submission/files", streamedBodyLimit: limits.maxFileBytes) { try upload($0) }
        router.add("DELETE", base + "/submission/files/{file}") { try removeFile($0) }
        router.add("GET", base + "/submissions") { try list($0) }
        router.add("GET", base + "/submissions/archive") { try archive($0) }
        router.add("GET", "/api/v1/submissions/{id}/files/{file}") { try download($0) }
        router.add("PUT", "/api/v1/submissions/{id}/grade") { try grade($0) }
    }

    struct TextBody: Decodable { var text: String }
    struct GradeBody: Decodable { var points: Double; var feedback: String? }

    /// The course and assignment of the path.
    private func find(_ context: RequestContext) throws -> (Course, Assignment) {
        let course = try catalog.course(context.parameters["slug"] ?? "")
        guard let assignment = course.assignments.first(where: { $0.id == context.parameters["assignment"] }) else {
            throw HTTPError.notFound("no such assignment in this course")
        }
        return (course, assignment)
    }

    /// The signed-in learner, enrolled in the course. - Throws: 401/403.
    private func learner(_ context: RequestContext, in course: Course) throws -> User {
        let user = try context.require(.enroll, otherwise: "only the course's learners hand in work")
        try Learning(store: store).requireEnrollment(user, in: course)
        return user
    }

    /// Whether handing in now is late; refused when the assignment takes no late work. - Throws: 403 `past_due`.
    private func lateness(_ assignment: Assignment, in course: Course) throws -> Bool {
        guard let deadline = assignment.due?.deadline(in: course.dueDateZone) else { return false }
        let late = Double(Clock.now) > deadline.timeIntervalSince1970
        if late && assignment.late == .refuse {
            throw HTTPError(403, "the due date has passed and this assignment takes no late work", code: "past_due")
        }
        return late
    }

    func mine(_ context: RequestContext) throws -> HTTPResponse {
        let (course, assignment) = try find(context)
        let user = try learner(context, in: course)
        guard let submission = try store.submission(course: course.slug, assignment: assignment.id, userID: user.id) else {
            throw HTTPError.notFound("nothing handed in yet")
        }
        return JSONResponse.make(submission)
    }

    func saveText(_ context: RequestContext) throws -> HTTPResponse {
        let (course, assignment) = try find(context)
        let user = try learner(context, in: course)
        let body = try JSONResponse.decode(TextBody.self, from: context.request)
        guard assignment.submission.acceptsText else { throw HTTPError.invalid("this assignment takes files only", field: "text") }
        guard body.text.unicodeScalars.count <= Self.maxTextLength else {
            throw HTTPError.invalid("the text may be at most \(Self.maxTextLength) characters", field: "text")
        }
        let late = try lateness(assignment, in: course)
        do {
            return JSONResponse.make(try store.saveSubmission(course: course.slug, assignment: assignment.id, userID: user.id, text: body.text, late: late))
        } catch let error as StoreError {
            throw HTTPError(error)
        }
    }

    /// One file, the raw request body, its original name in `?name=`. Checked (name, size, type by content)
    /// before it is moved into the files folder; recorded only within the server's limits.
    func upload(_ context: RequestContext) throws -> HTTPResponse {
        let (course, assignment) = try find(context)
        let user = try learner(context, in: course)
        guard assignment.submission.acceptsFiles else { throw HTTPError(415, "this assignment takes text only", code: "wrong_file_type") }
        let name = try UploadCheck.fileName(context.request.query["name"])
        guard let body = context.request.bodyFile, body.byteCount > 0 else { throw HTTPError.invalid("the file is empty", field: "body") }
        let maxBytes = min(assignment.maxFileMB * SubmissionLimits.megabyte, limits.maxFileBytes)
        guard body.byteCount <= maxBytes else {
            throw HTTPError(413, "a file for this assignment may be \(maxBytes / SubmissionLimits.megabyte) MB at most", code: "file_too_large")
        }
        let type = try UploadCheck.fileType(of: body.path, name: name, accepted: assignment.fileTypes)
        let late = try lateness(assignment, in: course)
        if let existing = try store.submission(course: course.slug, assignment: assignment.id, userID: user.id), existing.isGraded {
            throw HTTPError(StoreError.constraint(.alreadyGraded))
        }
        let (hash, added) = try files.keep(upload: body.path)
        do {
            let submission = try store.addSubmissionFile(course: course.slug, assignment: assignment.id, userID: user.id, late: late,
                                                         file: NewSubmissionFile(name: name, sha256: hash, size: body.byteCount,
                                                                                 contentType: UploadCheck.contentType(type)),
                                                         limits: limits)
            return JSONResponse.make(status: 201, submission)
        } catch {
            // Refused: the bytes this call stored go again, so nothing is kept for a refused upload.
            if added { files.remove(hash) }
            if let error = error as? StoreError { throw HTTPError(error) }
            throw error
        }
    }

    func removeFile(_ context: RequestContext) throws -> HTTPResponse {
        let (course, assignment) = try find(context)
        let user = try learner(context, in: course)
        guard let fileID = Int(context.parameters["file"] ?? ""),
              let submission = try store.submission(course: course.slug, assignment: assignment.id, userID: user.id) else {
            throw HTTPError.notFound("no such file")
        }
        do {
            let (removed, orphan) = try store.removeSubmissionFile(submissionID: submission.id, fileID: fileID)
            guard removed else { throw HTTPError.notFound("no such file") }
            if let orphan { files.remove(orphan) }
        } catch let error as StoreError {
            throw HTTPError(error)
        }
        return HTTPResponse(status: 204)
    }

    /// One page of the submissions, by username; `?class=`: one class's learners.
    func list(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.overseenCourse(in: catalog)
        let (course, assignment) = try find(context)
        let request = try PageRequest(context.request.query)
        let members = try ClassFilter.members(context.request.query, store: store)
        return JSONResponse.make(request.slice(try store.submissions(course: course.slug, assignment: assignment.id, learners: members)))
    }

    /// Every submission as one ZIP: a folder per learner (username), holding the files under their
    /// original names and the text as `text.txt`. Written to the files folder and sent from there.
    func archive(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.overseenCourse(in: catalog)
        let (course, assignment) = try find(context)
        let members = try ClassFilter.members(context.request.query, store: store)
        let submissions = try store.submissions(course: course.slug, assignment: assignment.id, learners: members)
        guard submissions.reduce(0, { $0 + $1.files.reduce(0) { $0 + $1.size } }) <= Self.maxArchiveBytes else {
            throw HTTPError(413, "these submissions are too large for one ZIP; download them one by one", code: "archive_too_large")
        }
        let archive = try files.newArchivePath()
        let writer = ZipWriter(path: archive)
        for submission in submissions {
            var used: Set<String> = []
            let folder = submission.username.isEmpty ? "learner-\(submission.userId)" : submission.username
            if !submission.text.isEmpty {
                writer.add(Data(submission.text.utf8), at: "\(folder)/text.txt")
                used.insert("text.txt")
            }
            for file in submission.files {
                let name = used.contains(file.name) ? "\(file.id)-\(file.name)" : file.name
                used.insert(name)
                writer.addFile(files.path(of: file.sha256), at: "\(folder)/\(name)")
            }
        }
        if submissions.isEmpty { writer.add(Data(), at: "README.txt") }
        do { try writer.close() } catch {
            try? FileManager.default.removeItem(atPath: archive)
            throw HTTPError(500, "the ZIP could not be written")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: archive))?[.size] as? Int) ?? 0
        let fileName = "\(course.slug)-\(assignment.id)-submissions".filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/zip"), ("Cache-Control", "no-store"),
                                                   ("Content-Disposition", "attachment; filename=\"\(fileName).zip\"")],
                            body: .file(path: archive, offset: 0, length: size))
    }

    /// The submission of the path, for its learner or the course's staff only (404 for anyone else, so
    /// submission ids tell strangers nothing).
    private func readable(_ context: RequestContext) throws -> (Submission, Course) {
        let user = try context.requireUser()
        guard let id = Int(context.parameters["id"] ?? ""), let submission = try store.submission(id: id),
              let course = try? catalog.course(submission.course) else { throw HTTPError.notFound("no such submission") }
        guard submission.userId == user.id || context.oversees(course) else { throw HTTPError.notFound("no such submission") }
        return (submission, course)
    }

    func download(_ context: RequestContext) throws -> HTTPResponse {
        let (submission, _) = try readable(context)
        guard let file = submission.files.first(where: { String($0.id) == context.parameters["file"] }) else {
            throw HTTPError.notFound("no such file")
        }
        let path = files.path(of: file.sha256)
        guard FileManager.default.fileExists(atPath: path) else { throw HTTPError.notFound("the file is missing from the server") }
        return HTTPResponse(status: 200, headers: [("Content-Type", file.contentType), ("Cache-Control", "private, no-store"),
                                                   ("Content-Disposition", Self.attachment(file.name))],
                            body: .file(path: path, offset: 0, length: file.size))
    }

    /// `attachment` with an ASCII fallback name and the original in RFC 8187 form (`filename*=UTF-8''…`).
    static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    func grade(_ context: RequestContext) throws -> HTTPResponse {
        let (submission, course) = try readable(context)
        let grader = try context.require(.oversee)
        guard context.oversees(course) else { throw HTTPError.forbidden }
        guard let assignment = course.assignments.first(where: { $0.id == submission.assignment }) else {
            throw HTTPError.notFound("this assignment is no longer in the course")
        }
        let body = try JSONResponse.decode(GradeBody.self, from: context.request)
        guard body.points.isFinite, (0...assignment.points).contains(body.points) else {
            throw HTTPError.invalid("points must be between 0 and \(assignment.points)", field: "points")
        }
        let feedback = body.feedback ?? ""
        guard feedback.unicodeScalars.count <= TextBounds.feedback else {
            throw HTTPError.invalid("feedback may be at most \(TextBounds.feedback) characters", field: "feedback")
        }
        // The learner's inbox gets "your work … was graded" with the grade; the link opens the assignment's page.
        let notice = GradedNotice(subject: assignment.title, detail: "\(body.points.plainText) / \(assignment.points.plainText)",
                                  link: catalog.page(of: assignment.id, in: course.slug))
        guard let graded = try store.gradeSubmission(id: submission.id, points: body.points, feedback: feedback, graderID: grader.id,
                                                     notice: notice) else {
            throw HTTPError.notFound("no such submission")
        }
        // A graded assignment that counts for completion may be the last thing a certificate waited for.
        try Learning(store: store).issueCertificateIfEarned(userID: graded.userId, course: course)
        return JSONResponse.make(graded)
    }
}
