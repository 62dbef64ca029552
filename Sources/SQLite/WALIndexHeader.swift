import Foundation

/// Tells, without a lock or a system call, whether anyone may have committed to a WAL-mode database
/// since a given moment. Every commit, by any connection in any process, rewrites the WAL-index header
/// at the start of the database's `-shm` file, increasing its change counter (`iChange`, bytes 8–11)
/// and moving its last valid frame (`mxFrame`, bytes 16–19); see "WAL-mode File Format",
/// sqlite.org/walformat.html §2.1. An unchanged `counter` means nobody committed; a changed one means
/// "ask `PRAGMA data_version`", which stays the authority.
///
/// The mapping is read-only and shared. While any connection of this process has the database open,
/// SQLite keeps the file at its size, so the mapped page stays valid.
public final class WALIndexHeader: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    private static let mappedBytes = 4096

    /// Maps the header of `databasePath`'s `-shm` file; nil when there is none (not in WAL mode, or SQLite
    /// keeps the index in process memory) or it is not yet initialised.
    public init?(databasePath: String) {
        let descriptor = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) >= Self.mappedBytes,
              let mapped = mmap(nil, Self.mappedBytes, PROT_READ, MAP_SHARED, descriptor, 0),
              mapped != MAP_FAILED else { return nil }
        base = mapped
    }

    deinit { munmap(base, Self.mappedBytes) }

    /// The change counter and the last frame, as one number that differs after any commit.
    /// A read that races a writer may mix old and new halves: that too differs from the value seen before.
    public var counter: UInt64 {
        let change = base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        let lastFrame = base.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
        return UInt64(change) << 32 | UInt64(lastFrame)
    }
}
