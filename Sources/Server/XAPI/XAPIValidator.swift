import Foundation

/// Checks a statement sent to the LRS endpoint against the xAPI 1.0.3 rules that matter for keeping it:
/// required properties and their types, one identifier per agent, IRIs, UUIDs, ISO 8601 timestamps and
/// durations, scores in range. Each problem names where it is (`actor.account.homePage`).
enum XAPIValidator {
    struct Problem: Error, Equatable { var path: String; var message: String }

    static func check(_ statement: Any, path: String = "statement") throws(Problem) {
        let object = try mapping(statement, path, allowed: ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
                                                            "authority", "version", "attachments"])
        if let id = object["id"] { try uuid(id, path + ".id") }
        try agentOrGroup(try required(object, "actor", path), path + ".actor")
        try verb(try required(object, "verb", path), path + ".verb")
        try statementObject(try required(object, "object", path), path + ".object")
        if let result = object["result"] { try resultCheck(result, path + ".result") }
        if let context = object["context"] { try contextCheck(context, path + ".context") }
        if let timestamp = object["timestamp"] { try dateTime(timestamp, path + ".timestamp") }
        if let stored = object["stored"] { try dateTime(stored, path + ".stored") }
        if let authority = object["authority"] { try agentOrGroup(authority, path + ".authority") }
        if let version = object["version"] {
            guard let text = version as? String, text.range(of: #"^1\.0(\.[0-9]+)?$"#, options: .regularExpression) != nil else {
                throw Problem(path: path + ".version", message: "must be 1.0.x")
            }
        }
    }

    // MARK: - Parts

    static func agentOrGroup(_ value: Any, _ path: String) throws(Problem) {
        let object = try mapping(value, path, allowed: ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member"])
        let type = try optionalString(object, "objectType", path) ?? "Agent"
        guard type == "Agent" || type == "Group" else { throw Problem(path: path + ".objectType", message: "must be Agent or Group") }
        if object["name"] != nil { _ = try optionalString(object, "name", path) }
        let identifiers = ["mbox", "mbox_sha1sum", "openid", "account"].filter { object[$0] != nil }
        if let mbox = object["mbox"] {
            guard let text = mbox as? String, text.hasPrefix("mailto:"), text.count > 8, text.contains("@") else {
                throw Problem(path: path + ".mbox", message: "must be a mailto: address")
            }
        }
        if let sum = object["mbox_sha1sum"] {
            guard let text = sum as? String, text.range(of: "^[0-9a-fA-F]{40}$", options: .regularExpression) != nil else {
                throw Problem(path: path + ".mbox_sha1sum", message: "must be 40 hexadecimal digits")
            }
        }
        if let openid = object["openid"] { try iri(openid, path + ".openid") }
        if let account = object["account"] {
            let fields = try mapping(account, path + ".account", allowed: ["homePage", "name"])
            try iri(try required(fields, "homePage", path + ".account"), path + ".account.homePage")
            guard let name = try required(fields, "name", path + ".account") as? String, !name.isEmpty else {
                throw Problem(path: path + ".account.name", message: "must be a non-empty string")
            }
        }
        if type == "Agent" {
            guard identifiers.count == 1 else {
                throw Problem(path: path, message: "an Agent needs exactly one of mbox, mbox_sha1sum, openid and account (found \(identifiers.count))")
            }
            guard object["member"] == nil else { throw Problem(path: path + ".member", message: "only a Group has members") }
        } else {
            guard identifiers.count <= 1 else { throw Problem(path: path, message: "a Group has at most one of mbox, mbox_sha1sum, openid and account") }
            if let members = object["member"] {
                guard let list = members as? [Any] else { throw Problem(path: path + ".member", message: "must be an array of Agents") }
                for (index, member) in list.enumerated() { try agentOrGroup(member, "\(path).member[\(index)]") }
            } else if identifiers.isEmpty {
                throw Problem(path: path, message: "an anonymous Group needs its members")
            }
        }
    }

    static func verb(_ value: Any, _ path: String) throws(Problem) {
        let object = try mapping(value, path, allowed: ["id", "display"])
        try iri(try required(object, "id", path), path + ".id")
        if let display = object["display"] { try languageMap(display, path + ".display") }
    }

    static func statementObject(_ value: Any, _ path: String) throws(Problem) {
        guard let object = value as? [String: Any] else { throw Problem(path: path, message: "must be an object") }
        switch object["objectType"] as? String ?? "Activity" {
        case "Activity": try activity(object, path)
        case "Agent", "Group": try agentOrGroup(object, path)
        case "StatementRef":
            let fields = try mapping(object, path, allowed: ["objectType", "id"])
            try uuid(try required(fields, "id", path), path + ".id")
        case "SubStatement":
            let fields = try mapping(object, path, allowed: ["objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"])
            try agentOrGroup(try required(fields, "actor", path), path + ".actor")
            try verb(try required(fields, "verb", path), path + ".verb")
            let inner = try required(fields, "object", path)
            if (inner as? [String: Any])?["objectType"] as? String == "SubStatement" {
                throw Problem(path: path + ".object", message: "a SubStatement cannot hold another")
            }
            try statementObject(inner, path + ".object")
            if let result = fields["result"] { try resultCheck(result, path + ".result") }
            if let context = fields["context"] { try contextCheck(context, path + ".context") }
            if let timestamp = fields["timestamp"] { try dateTime(timestamp, path + ".timestamp") }
        default:
            throw Problem(path: path + ".objectType", message: "must be Activity, Agent, Group, StatementRef or SubStatement")
        }
    }

    static let interactionTypes: Set<String> = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing",
                                                 "likert", "numeric", "other"]

    static func activity(_ value: Any, _ path: String) throws(Problem) {
        let object = try mapping(value, path, allowed: ["objectType", "id", "definition"])
        try iri(try required(object, "id", path), path + ".id")
        guard let definition = object["definition"] else { return }
        let fields = try mapping(definition, path + ".definition", allowed: ["name", "description", "type", "moreInfo", "extensions", "interactionType",
                                                                           "correctResponsesPattern", "choices", "scale", "source", "target", "steps"])
        if let name = fields["name"] { try languageMap(name, path + ".definition.name") }
        if let description = fields["description"] { try languageMap(description, path + ".definition.description") }
        if let type = fields["type"] { try iri(type, path + ".definition.type") }
        if let more = fields["moreInfo"] { try iri(more, path + ".definition.moreInfo") }
        if let extensions = fields["extensions"] { try extensionMap(extensions, path + ".definition.extensions") }
        if let interaction = fields["interactionType"] {
            guard let text = interaction as? String, interactionTypes.contains(text) else {
                throw Problem(path: path + ".definition.interactionType", message: "must be one of \(interactionTypes.sorted().joined(separator: ", "))")
            }
        }
    }

    static func resultCheck(_ value: Any, _ path: String) throws(Problem) {
        let object = try mapping(value, path, allowed: ["score", "success", "completion", "response", "duration", "extensions"])
        for key in ["success", "completion"] where object[key] != nil {
            guard isBool(object[key]!) else { throw Problem(path: "\(path).\(key)", message: "must be true or false") }
        }
        if object["response"] != nil { _ = try optionalString(object, "response", path) }
        if let duration = object["duration"] {
            guard let text = duration as? String,
                  text.range(of: #"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"#,
                             options: .regularExpression) != nil else {
                throw Problem(path: path + ".duration", message: "must be an ISO 8601 duration such as PT1M30S")
            }
        }
        if let extensions = object["extensions"] { try extensionMap(extensions, path + ".extensions") }
        guard let score = object["score"] else { return }
        let fields = try mapping(score, path + ".score", allowed: ["scaled", "raw", "min", "max"])
        var numbers: [String: Double] = [:]
        for (key, number) in fields {
            guard let value = number as? NSNumber, !isBool(number) else { throw Problem(path: "\(path).score.\(key)", message: "must be a number") }
            numbers[key] = value.doubleValue
        }
        if let scaled = numbers["scaled"], !(-1...1).contains(scaled) { throw Problem(path: path + ".score.scaled", message: "must be from -1 to 1") }
        if let low = numbers["min"], let high = numbers["max"], low >= high { throw Problem(path: path + ".score", message: "min must be below max") }
        if let raw = numbers["raw"] {
            if let low = numbers["min"], raw < low { throw Problem(path: path + ".score.raw", message: "must not be below min") }
            if let high = numbers["max"], raw > high { throw Problem(path: path + ".score.raw", message: "must not be above max") }
        }
    }

    static func contextCheck(_ value: Any, _ path: String) throws(Problem) {
        let object = try mapping(value, path, allowed: ["registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
                                                        "statement", "extensions"])
        if let registration = object["registration"] { try uuid(registration, path + ".registration") }
        if let instructor = object["instructor"] { try agentOrGroup(instructor, path + ".instructor") }
        if let team = object["team"] { try agentOrGroup(team, path + ".team") }
        for key in ["revision", "platform", "language"] where object[key] != nil { _ = try optionalString(object, key, path) }
        if let statement = object["statement"] { try statementObject(statement, path + ".statement") }
        if let extensions = object["extensions"] { try extensionMap(extensions, path + ".extensions") }
        if let activities = object["contextActivities"] {
            let fields = try mapping(activities, path + ".contextActivities", allowed: ["parent", "grouping", "category", "other"])
            for (key, entry) in fields {
                // One activity, or an array of them.
                let list = entry as? [Any] ?? [entry]
                for (index, item) in list.enumerated() { try activity(item, "\(path).contextActivities.\(key)[\(index)]") }
            }
        }
    }

    // MARK: - Values

    static func mapping(_ value: Any, _ path: String, allowed: Set<String>) throws(Problem) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw Problem(path: path, message: "must be an object") }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem(path: path + "." + unknown, message: "is not an xAPI 1.0.3 property here")
        }
        return object
    }

    static func required(_ object: [String: Any], _ key: String, _ path: String) throws(Problem) -> Any {
        guard let value = object[key], !(value is NSNull) else { throw Problem(path: path + "." + key, message: "is required") }
        return value
    }

    static func optionalString(_ object: [String: Any], _ key: String, _ path: String) throws(Problem) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value as? String else { throw Problem(path: path + "." + key, message: "must be a string") }
        return text
    }

    /// JSON's true and false: parsed numbers of type `c` (a plain `is Bool` also takes 0 and 1).
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// An absolute IRI: a scheme, then no spaces.
    static func iri(_ value: Any, _ path: String) throws(Problem) {
        guard let text = value as? String, text.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"#, options: .regularExpression) != nil else {
            throw Problem(path: path, message: "must be an absolute IRI (with a scheme, such as https:)")
        }
    }

    static func uuid(_ value: Any, _ path: String) throws(Problem) {
        guard let text = value as? String,
              text.range(of: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$", options: .regularExpression) != nil else {
            throw Problem(path: path, message: "must be a UUID")
        }
    }

    static func dateTime(_ value: Any, _ path: String) throws(Problem) {
        guard let text = value as? String,
              text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$"#, options: .regularExpression) != nil else {
            throw Problem(path: path, message: "must be an ISO 8601 date and time with a time zone")
        }
    }

    static func languageMap(_ value: Any, _ path: String) throws(Problem) {
        guard let map = value as? [String: Any] else { throw Problem(path: path, message: "must be a language map") }
        for (tag, text) in map {
            guard tag.range(of: "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", options: .regularExpression) != nil else {
                throw Problem(path: path, message: "'\(tag)' is not a language tag")
            }
            guard text is String else { throw Problem(path: "\(path).\(tag)", message: "must be a string") }
        }
    }

    static func extensionMap(_ value: Any, _ path: String) throws(Problem) {
        guard let map = value as? [String: Any] else { throw Problem(path: path, message: "must be an object") }
        for key in map.keys { try iri(key, "\(path)[\(key)]") }
    }
}
