// The smaller parts of course.yaml: people, questions learners ask, extra material.

/// A person teaching the course. The server matches instructors to accounts by `email`.
public struct Instructor: Sendable, Equatable {
    public var name: String
    public var email: String?
    public var bio: String?
    /// Course-relative image path.
    public var avatar: String?

    public init(name: String, email: String? = nil, bio: String? = nil, avatar: String? = nil) {
        self.name = name
        self.email = email
        self.bio = bio
        self.avatar = avatar
    }
}

/// A frequently asked question with a Markdown answer.
public struct FAQ: Sendable, Equatable {
    public var question: String
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

/// Extra material: a file in the course or a web address.
public struct Resource: Sendable, Equatable {
    public var title: String
    public var description: String?
    public var target: Target

    public enum Target: Sendable, Equatable {
        /// Course-relative path.
        case file(String)
        case url(String)
    }
}
