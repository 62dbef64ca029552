import Foundation

/// An xAPI 1.0.3 statement as Lectern writes them: an account's learner, an ADL verb, an activity named
/// by the course's stable ids, and a result. Statements other systems send to the LRS endpoint are kept
/// as they came (`XAPIValidator` checks them); this model is for the ones Lectern makes.
public struct XAPIStatement: Codable, Sendable, Equatable {
    public var id: String
    public var actor: Agent
    public var verb: Verb
    public var object: Activity
    public var result: Result?
    public var context: Context?
    public var timestamp: String
    public var version = "1.0.3"

    public struct Agent: Codable, Sendable, Equatable {
        public var objectType = "Agent"
        public var name: String?
        public var account: Account
    }

    /// The learner's account on the server that recorded the event: `homePage` tells kiosks apart.
    public struct Account: Codable, Sendable, Equatable {
        public var homePage: String
        public var name: String
    }

    public struct Verb: Codable, Sendable, Equatable {
        public var id: String
        public var display: [String: String]
    }

    public struct Activity: Codable, Sendable, Equatable {
        public var objectType = "Activity"
        public var id: String
        public var definition: Definition?
    }

    public struct Definition: Codable, Sendable, Equatable {
        public var name: [String: String]?
        public var type: String?
        public var interactionType: String?
    }

    public struct Result: Codable, Sendable, Equatable {
        public var score: Score?
        public var success: Bool?
        public var completion: Bool?
        public var response: String?
        public var duration: String?
        /// Lectern's own facts about the result (a late hand-in), under IRIs.
        public var extensions: [String: Bool]?
    }

    public struct Score: Codable, Sendable, Equatable {
        public var scaled: Double
        public var raw: Double
        public var min: Double
        public var max: Double
    }

    public struct Context: Codable, Sendable, Equatable {
        public var registration: String?
        public var platform: String?
        public var language: String?
        public var contextActivities: ContextActivities?
    }

    public struct ContextActivities: Codable, Sendable, Equatable {
        public var parent: [Activity]?
        public var grouping: [Activity]?
    }
}

/// The ADL verbs Lectern's events map to.
enum XAPIVerb {
    static let completed = XAPIStatement.Verb(id: "http://adlnet.gov/expapi/verbs/completed", display: ["en-US": "completed"])
    static let attempted = XAPIStatement.Verb(id: "http://adlnet.gov/expapi/verbs/attempted", display: ["en-US": "attempted"])
    static let passed = XAPIStatement.Verb(id: "http://adlnet.gov/expapi/verbs/passed", display: ["en-US": "passed"])
    static let failed = XAPIStatement.Verb(id: "http://adlnet.gov/expapi/verbs/failed", display: ["en-US": "failed"])
    static let answered = XAPIStatement.Verb(id: "http://adlnet.gov/expapi/verbs/answered", display: ["en-US": "answered"])
    /// Activity Streams' "submit", the verb the xAPI registry lists for handing work in (ADL's vocabulary has none).
    static let submitted = XAPIStatement.Verb(id: "http://activitystrea.ms/schema/1.0/submit", display: ["en-US": "submitted"])
    static let scored = XAPIStatement.Verb(id: "http://adlnet.gov/expapi/verbs/scored", display: ["en-US": "scored"])
}

/// ADL activity types.
enum XAPIActivityType {
    static let course = "http://adlnet.gov/expapi/activities/course"
    static let lesson = "http://adlnet.gov/expapi/activities/lesson"
    static let assessment = "http://adlnet.gov/expapi/activities/assessment"
    static let question = "http://adlnet.gov/expapi/activities/cmi.interaction"
}
