// Building TemplateValue from JSON: through `Decodable` (JSONDecoder) or from JSONSerialization output.

import Foundation

extension TemplateValue: Decodable {
    /// Decodes any JSON value; integers become `.int`, other numbers `.double`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Order matters: JSONDecoder refuses to read `1` as a Bool and `1.5` as an Int,
        // so trying Bool, then Int, then Double keeps the JSON types apart.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([TemplateValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: TemplateValue].self))
        }
    }

    /// Converts the output of `JSONSerialization.jsonObject(with:)`, or plain Swift values of the same shapes;
    /// anything else becomes `.null`.
    public init(json: Any) {
        // On Linux every JSON number and boolean arrives as an NSNumber, and `as? Bool` succeeds for the
        // number 1, so the NSNumber's storage type decides: "c" (char) is how Foundation stores booleans.
        if type(of: json) is NSNumber.Type, let number = json as? NSNumber {
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "f", "d": self = .double(number.doubleValue)
            default: self = .int(number.intValue)
            }
            return
        }
        switch json {
        case let value as String: self = .string(value)
        case let value as Bool where type(of: json) == Bool.self: self = .bool(value)
        case let value as Int where type(of: json) == Int.self: self = .int(value)
        case let value as Double where type(of: json) == Double.self: self = .double(value)
        case let values as [Any]: self = .array(values.map(TemplateValue.init(json:)))
        case let fields as [String: Any]: self = .object(fields.mapValues(TemplateValue.init(json:)))
        default: self = .null
        }
    }
}
