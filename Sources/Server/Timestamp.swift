import Foundation

/// A time the API writes in JSON as an ISO 8601 UTC string (`"2026-12-04T18:33:25Z"`), as the LMS APIs
/// Lectern replaces do; held, stored and compared as Unix seconds. Reading accepts the string or seconds.
@propertyWrapper
public struct Timestamp: Sendable, Hashable, Codable {
    public var wrappedValue: Int

    public init(wrappedValue: Int) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.text(wrappedValue))
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Int.self) {
            wrappedValue = seconds
            return
        }
        let text = try container.decode(String.self)
        guard let seconds = Self.seconds(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
        }
        wrappedValue = seconds
    }

    /// `1795714748` → `"2026-11-26T17:39:08Z"`.
    public static func text(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        let year = String(parts.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))" +
            "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// `1795714748123` (milliseconds) → `"2026-11-26T17:39:08.123Z"`: xAPI's `stored` orders statements finer than seconds.
    public static func millisecondsText(_ milliseconds: Int) -> String {
        let thousandths = String(milliseconds % 1000)
        return String(text(milliseconds / 1000).dropLast()) + "." + String(repeating: "0", count: 3 - thousandths.count) + thousandths + "Z"
    }

    /// Seconds of an ISO 8601 date-time with a zone (`Z` or `±hh:mm`), or nil.
    public static func seconds(_ text: String) -> Int? {
        (try? Date(text, strategy: .iso8601)).map { Int($0.timeIntervalSince1970.rounded(.down)) }
    }
}

/// A time that may be missing (an attempt not yet submitted): left out of the JSON then, never `null`.
@propertyWrapper
public struct OptionalTimestamp: Sendable, Hashable, Codable {
    public var wrappedValue: Int?

    public init(wrappedValue: Int?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(Timestamp.text(wrappedValue)) } else { try container.encodeNil() }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try Timestamp(from: decoder).wrappedValue
    }
}

extension KeyedEncodingContainer {
    /// Synthesized encoders call this for `@OptionalTimestamp` properties: a missing time leaves its key out.
    public mutating func encode(_ value: OptionalTimestamp, forKey key: Key) throws {
        guard let seconds = value.wrappedValue else { return }
        try encode(Timestamp.text(seconds), forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Synthesized decoders call this for `@OptionalTimestamp` properties: a missing key is a missing time.
    public func decode(_ type: OptionalTimestamp.Type, forKey key: Key) throws -> OptionalTimestamp {
        try decodeIfPresent(OptionalTimestamp.self, forKey: key) ?? OptionalTimestamp(wrappedValue: nil)
    }
}
