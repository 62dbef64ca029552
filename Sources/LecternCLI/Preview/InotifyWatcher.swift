import CourseModel
import Foundation
import Glibc

/// Watches course folders with inotify: the kernel tells us which file changed the moment it is
/// written, where polling stamps every 100 ms added that much to every save and stat'ed every file.
final class InotifyWatcher: FileWatcher {
    private let descriptor: Int32
    /// Watch descriptor → the absolute folder it watches.
    private var folders: [Int32: String] = [:]
    /// What a burst settles in: editors write a temporary file and rename it, or truncate then write.
    static let quietPeriod: Int32 = 3
    /// The longest a burst is gathered before building anyway (a tool that keeps writing).
    static let longestBurst: TimeInterval = 0.05

    static let mask: UInt32 = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_DELETE_SELF
                                     | IN_MOVE_SELF | IN_ATTRIB)

    /// nil when inotify is unavailable or a folder cannot be watched (the watch limit reached, say).
    init?(folders roots: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots {
            guard addTree(root) else {
                close(descriptor)
                return nil
            }
        }
    }

    deinit { close(descriptor) }

    /// Watches `folder` and every folder under it (hidden ones left out, as the loader leaves them out).
    private func addTree(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        guard watch >= 0 else { return false }
        folders[watch] = folder
        for entry in FileWalk.entries(under: folder) where entry.isDirectory && !entry.isLink {
            let path = folder + "/" + entry.path
            let child = inotify_add_watch(descriptor, path, Self.mask)
            guard child >= 0 else { return false }
            folders[child] = path
        }
        return true
    }

    func next(stop: StopSignal) -> WatchedChange? {
        var change = WatchedChange()
        // Wait for the first event, waking now and then to notice Ctrl-C.
        while !stop.requested {
            if wait(milliseconds: 100) { break }
        }
        if stop.requested { return nil }
        let started = Date()
        repeat {
            guard drain(into: &change) else { return WatchedChange(everything: true) }
        } while wait(milliseconds: Self.quietPeriod) && Date().timeIntervalSince(started) < Self.longestBurst
        return change.isEmpty ? next(stop: stop) : change
    }

    private func wait(milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Reads every queued event into `change`; false when the kernel's queue overflowed (events were lost).
    private func drain(into change: inout WatchedChange) -> Bool {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { return true }
            var offset = 0
            while offset < count {
                let event = (buffer + offset).assumingMemoryBound(to: inotify_event.self).pointee
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { return false }
                guard let folder = folders[event.wd] else { continue }
                if event.mask & UInt32(IN_IGNORED) != 0 {
                    folders[event.wd] = nil
                    continue
                }
                if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    change.everything = true
                    continue
                }
                // Hidden files (editor swap files, `.#lock`) are not part of the course.
                if name.isEmpty || name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                if event.mask & UInt32(IN_ISDIR) != 0 {
                    // A folder made or moved in: watch it and everything in it; its files are new to the course.
                    if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !addTree(path) { return false }
                    change.everything = true
                    continue
                }
                change.paths.insert(path)
            }
        }
    }
}

/// What changed between two builds: files (absolute paths), or more than can be told.
struct WatchedChange {
    var paths: Set<String> = []
    /// Folders came or went, or events were lost: everything must be looked at again.
    var everything = false
    var isEmpty: Bool { paths.isEmpty && !everything }
}

/// Tells the preview when course files change.
protocol FileWatcher: AnyObject {
    /// Blocks until something changes (a burst gathered into one change), or nil once `stop` is requested.
    func next(stop: StopSignal) -> WatchedChange?
}

/// Compares file stamps every 100 ms: the fallback where inotify is unavailable.
final class PollingWatcher: FileWatcher {
    private let folders: [String]
    private var fingerprint: [String: FileStamp]

    init(folders: [String]) {
        self.folders = folders
        fingerprint = FileStamp.scan(folders)
    }

    func next(stop: StopSignal) -> WatchedChange? {
        while !stop.requested {
            usleep(100_000)
            let now = FileStamp.scan(folders)
            guard now != fingerprint else { continue }
            var change = WatchedChange()
            for (path, stamp) in now where fingerprint[path] != stamp { change.paths.insert(path) }
            for path in fingerprint.keys where now[path] == nil { change.paths.insert(path) }
            fingerprint = now
            return change
        }
        return nil
    }
}
