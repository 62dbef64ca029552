import Foundation
import HTTP

/// The reverse proxies whose `Forwarded` / `X-Forwarded-For` headers are believed. Without one, every
/// request's client is the socket's peer, and those headers are ignored: anyone can write them.
public struct TrustedProxies: Sendable, Equatable {
    public let addresses: Set<String>

    /// - Throws: `RuleViolation` naming the first entry that is not an IPv4 or IPv6 address.
    public init(_ addresses: [String]) throws(RuleViolation) {
        var normalized: Set<String> = []
        for text in addresses {
            guard let address = Self.canonical(text.trimmingCharacters(in: .whitespaces)) else {
                throw RuleViolation("'\(text)' is not an IP address")
            }
            normalized.insert(address)
        }
        self.addresses = normalized
    }

    public static let none = try! TrustedProxies([])

    /// The client a request came from. From a trusted proxy, the hops in its header are read from the
    /// right (the one it appended) past any other trusted proxy, to the first address no proxy of ours
    /// vouches for; a missing or malformed header leaves the proxy's own address, never a guess.
    public func client(of request: HTTPRequest) -> String {
        let peer = Self.canonical(request.remoteAddress) ?? request.remoteAddress
        guard addresses.contains(peer) else { return peer }
        let hops = Self.forwarded(request) ?? Self.xForwardedFor(request) ?? []
        var client = peer
        for hop in hops.reversed() {
            guard let address = Self.canonical(hop) else { return client }
            client = address
            guard addresses.contains(address) else { return address }
        }
        return client
    }

    /// `for=` of each element of RFC 7239's `Forwarded` (quotes, brackets and port removed).
    static func forwarded(_ request: HTTPRequest) -> [String]? {
        guard let header = request.header("forwarded") else { return nil }
        return header.split(separator: ",").map { element in
            let pair = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.lowercased().hasPrefix("for=") }
            var value = pair.map { String($0.dropFirst(4)) } ?? ""
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if value.hasPrefix("["), let end = value.firstIndex(of: "]") { return String(value[value.index(after: value.startIndex)..<end]) }
            if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") { return String(value[..<colon]) }
            return value
        }
    }

    static func xForwardedFor(_ request: HTTPRequest) -> [String]? {
        request.header("x-forwarded-for").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The address as `inet_ntop` writes it (so `::1` and `0:0::1` are one address, and an IPv4-mapped
    /// `::ffff:10.0.0.1` from a dual-stack socket is `10.0.0.1`), or nil when it is none.
    static func canonical(_ text: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1, inet_ntop(AF_INET, &v4, &buffer, socklen_t(buffer.count)) != nil {
            return String(cString: buffer)
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(cString: buffer)
    }
}
