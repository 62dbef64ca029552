/// One launchable unit of a SCORM package: an item of the default organization with a resource. Read
/// from a package's manifest by Packaging, kept by the server with each hosted package.
public struct ScormSco: Sendable, Codable, Equatable {
    public var identifier: String
    public var title: String
    /// The file to open, relative to the package root, with the item's parameters.
    public var launch: String
    /// SCORM 1.2 `adlcp:masteryscore` (0–100), or 2004's primary objective's minimum measure scaled to 0–100.
    public var masteryScore: Double?

    public init(identifier: String, title: String, launch: String, masteryScore: Double?) {
        self.identifier = identifier; self.title = title; self.launch = launch; self.masteryScore = masteryScore
    }
}

extension Course {
    /// A SCORM package hosted on the server, seen as a course so that enrollment, classes, progress, the
    /// gradebook, analytics and certificates treat it exactly as they treat an authored one. Each SCO is
    /// one step of a single module: a quiz (pass mark: the mastery score) when the manifest gives the SCO a
    /// mastery score, else a lesson. The package's runtime commits are the only way these steps get done.
    public static func hostedPackage(id packageID: Int, slug: String, title: String, description: String,
                                     instructors: [Instructor], scos: [ScormSco]) -> Course {
        let items: [Module.Item] = scos.map { sco in
            if let mastery = sco.masteryScore {
                return .quiz(Quiz(id: sco.identifier, title: sco.title, path: sco.launch, description: nil, passScore: mastery,
                                  maxAttempts: nil, timeLimitMinutes: nil, shuffleQuestions: false, shuffleChoices: false,
                                  isDraft: false, showAnswers: .never, questions: []))
            }
            return .lesson(Lesson(id: sco.identifier, title: sco.title, path: sco.launch, durationMinutes: nil, kind: .text, media: nil,
                                  summary: nil, objectives: [], isDraft: false, body: "", bodyStartLine: 1, headings: []))
        }
        var course = Course(id: slug, slug: slug, title: title, tags: ["scorm"], language: "en", instructors: instructors,
                            learningOutcomes: [], prerequisites: [], completion: CompletionRule(), faqs: [], resources: [],
                            modules: [Module(id: "package", title: title, description: nil, isDraft: false, path: "", items: items)],
                            mediaFiles: [])
        course.description = description.isEmpty ? nil : description
        course.shortDescription = course.description
        // The native rule: every SCO done (a scored one passed), and the certificate at the course's mastery.
        course.certificate = CertificateRule(minScore: course.completion.masteryScore)
        course.scormPackage = packageID
        return course
    }
}
