/// A short content fingerprint for asset file names (`lectern.3f2a9c1b0d4e5f60.css`), so a changed file
/// gets a new name and caches never serve a stale one. FNV-1a 64: fast and stable; not for security.
enum ContentHash {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // Over contiguous memory when the bytes have it: `Data`'s own iterator is several times slower,
        // and the server hashes every shared asset as it starts.
        let hash = bytes.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(bytes)
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
