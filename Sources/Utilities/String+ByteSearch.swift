import Glibc

extension StringProtocol {
    /// Whether `needle`'s bytes occur in the string's UTF-8. `String.contains(String)` goes through
    /// Foundation or a generic searcher and costs many times more in hot render loops; byte equality is
    /// the right test for the markup and ASCII needles this is used with.
    public func containsBytes(_ needle: String) -> Bool {
        byteOffset(of: needle) != nil
    }

    /// The UTF-8 offset of the first occurrence of `needle`, or nil.
    public func byteOffset(of needle: String) -> Int? {
        let needleBytes = Array(needle.utf8)
        if let found = utf8.withContiguousStorageIfAvailable({ firstOffset(of: needleBytes, in: $0) }) { return found }
        return Array(utf8).withUnsafeBufferPointer { firstOffset(of: needleBytes, in: $0) }
    }
}

/// memchr finds each candidate for the first byte, memcmp checks the rest: glibc does both with vector
/// instructions.
private func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = needle.first else { return 0 }
    guard let base = haystack.baseAddress, haystack.count >= needle.count else { return nil }
    let lastStart = haystack.count - needle.count
    var offset = 0
    return needle.withUnsafeBufferPointer { needleBuffer -> Int? in
        while offset <= lastStart {
            guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needleBuffer.baseAddress!, needle.count) == 0 { return at }
            offset = at + 1
        }
        return nil
    }
}
