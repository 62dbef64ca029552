import Foundation
import Zip

/// What an uploaded file must be before it is kept: a harmless name, and content of a type the
/// assignment accepts, recognised by its first bytes (and for ZIP-based documents by their entries),
/// not by the name alone.
enum UploadCheck {
    /// The longest original name kept, in characters.
    static let maxNameLength = 200

    /// The original file name as sent, when it is safe to keep and to offer back for download.
    /// - Throws: 422 for a name with a path (`/`, `\`, `..`), NUL or other control characters, or none.
    static func fileName(_ raw: String?) throws(HTTPError) -> String {
        guard let raw, !raw.isEmpty else { throw HTTPError.invalid("name the file: ?name=essay.pdf", field: "name") }
        guard raw.count <= maxNameLength else { throw HTTPError.invalid("the file name is longer than \(maxNameLength) characters", field: "name") }
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) else {
            throw HTTPError.invalid("the file name holds control characters", field: "name")
        }
        guard !raw.contains("/"), !raw.contains("\\"), raw != ".", !raw.contains(".."), !raw.hasPrefix(".") else {
            throw HTTPError.invalid("the file name may not hold a path ('/', '\\\\', '..') or start with '.'", field: "name")
        }
        return raw
    }

    /// The file's type (an extension of `Assignment.knownFileTypes`) when its content is one of `accepted`
    /// and agrees with the name's extension. - Throws: 415 otherwise.
    static func fileType(of path: String, name: String, accepted: [String]) throws(HTTPError) -> String {
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        let listed = accepted.joined(separator: ", ")
        guard accepted.contains(ext) else {
            throw HTTPError(415, "this assignment accepts \(listed) files; '\(name)' is not one", code: "wrong_file_type")
        }
        guard let sniffed = sniff(path), sniffed == canonical(ext) else {
            throw HTTPError(415, "the content of '\(name)' is not a \(ext) file", code: "wrong_file_type")
        }
        return ext
    }

    /// The extension a type is known by (`jpeg` and `jpg` are one type).
    static func canonical(_ ext: String) -> String { ext == "jpeg" ? "jpg" : ext }

    /// The content type offered on download.
    static func contentType(_ ext: String) -> String {
        switch canonical(ext) {
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "txt": "text/plain; charset=utf-8"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case "odt": "application/vnd.oasis.opendocument.text"
        case "ods": "application/vnd.oasis.opendocument.spreadsheet"
        case "odp": "application/vnd.oasis.opendocument.presentation"
        default: "application/octet-stream"
        }
    }

    /// The type the content is, by its magic bytes: a small table, then the ZIP entries of office documents.
    static func sniff(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let head = [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
        try? handle.close()
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<(offset + bytes.count)]) == bytes
        }
        if starts(Array("%PDF-".utf8)) { return "pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "jpg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "gif" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "webp" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return officeType(path) }
        return isPlainText(path) ? "txt" : nil
    }

    /// Mimetype entries of OpenDocument files, by type.
    static let openDocumentTypes = ["odt": "application/vnd.oasis.opendocument.text",
                                    "ods": "application/vnd.oasis.opendocument.spreadsheet",
                                    "odp": "application/vnd.oasis.opendocument.presentation"]
    /// The entry every Office Open XML document of a type holds.
    static let officeOpenXMLParts = ["docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"]

    /// An office document's type from its entries; nil for any other ZIP, and for one with an entry whose
    /// name leaves its folder (absolute, `..`, a backslash or a drive): unpacking it would write elsewhere.
    static func officeType(_ path: String) -> String? {
        let reader = ZipReader(path: path)
        guard let names = try? reader.names(), !names.isEmpty, names.allSatisfy(isContainedEntryName) else { return nil }
        if names.contains("mimetype"), let data = try? reader.data("mimetype", maxBytes: 200),
           let mimetype = String(data: data, encoding: .utf8) {
            return openDocumentTypes.first { $0.value == mimetype }?.key
        }
        return officeOpenXMLParts.first { names.contains($0.value) }?.key
    }

    static func isContainedEntryName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.contains("\\") && !name.contains("\0")
            && !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
            && !(name.count >= 2 && name.dropFirst().first == ":")
    }

    /// UTF-8 text without NUL or other control characters than tab, line feed, carriage return and form feed;
    /// read a block at a time.
    static func isPlainText(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 65_536) } catch { return false }
            // nil or empty: the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            pending += chunk
            // Keep the bytes of a character cut at the block's end for the next round.
            var end = pending.count
            var back = 0
            while back < 3, end > 0, pending[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
            if end > 0, pending[end - 1] >= 0xC0 { end -= 1 } else { end = pending.count }
            guard let text = String(validating: pending[..<end], as: UTF8.self) else { return false }
            if text.unicodeScalars.contains(where: { ($0.value < 0x20 && ![9, 10, 12, 13].contains($0.value)) || $0.value == 0x7F }) { return false }
            pending = Array(pending[end...])
        }
        guard !pending.isEmpty else { return true }
        return String(validating: pending, as: UTF8.self) != nil
    }
}
