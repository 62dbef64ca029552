import Foundation

/// A new folder only this user can enter, under the temporary directory (`$TMPDIR`, else /tmp).
public enum PrivateTemporaryFolder {
    /// Creates `<tmp>/<prefix>XXXXXX` with mkdtemp(3): an unpredictable name made with mode 0700 in one
    /// step, so no other local user can pre-create it (a predictable name such as one with the pid could be
    /// made beforehand and its site replaced) or read and change what is built into it.
    /// - Returns: the folder, or why it could not be made.
    public static func make(prefix: String) -> Result<URL, PrivateFolderError> {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array(((base.hasSuffix("/") ? base : base + "/") + prefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            return .failure(PrivateFolderError(description: "cannot create a private folder in \(base): \(String(cString: strerror(errno)))"))
        }
        return .success(URL(fileURLWithPath: String(cString: made), isDirectory: true))
    }
}

/// Why `PrivateTemporaryFolder.make` failed, in the system's words.
public struct PrivateFolderError: Error, CustomStringConvertible {
    public var description: String
}
