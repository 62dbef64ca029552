// What an uploaded file must be before the kiosk keeps it: a harmless name, and content of the type its
// name says, by magic bytes and, for office documents, by their ZIP entries.
import Foundation
import LecternTesting
@testable import Server
import Testing
import Zip

private func file(_ bytes: Data, in folder: URL, _ name: String = UUID().uuidString) throws -> String {
    let url = folder.appendingPathComponent(name)
    try bytes.write(to: url)
    return url.path
}

private func zip(_ entries: [String: String], in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(UUID().uuidString + ".zip").path
    let writer = ZipWriter(path: path)
    for (name, text) in entries { writer.add(Data(text.utf8), at: name) }
    try writer.close(first: entries.keys.contains("mimetype") ? ["mimetype"] : [])
    return path
}

@Test func everyKnownTypeIsRecognisedByItsContent() throws {
    let scratch = try TemporaryCourse(["keep": ""], name: "uploads")
    defer { withExtendedLifetime(scratch) {} }
    let folder = scratch.url
    let samples: [(String, String)] = [
        ("pdf", try file(Data("%PDF-1.7\n".utf8), in: folder)),
        ("png", try file(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), in: folder)),
        ("jpg", try file(Data([0xFF, 0xD8, 0xFF, 0xE0, 0]), in: folder)),
        ("gif", try file(Data("GIF89a....".utf8), in: folder)),
        ("webp", try file(Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), in: folder)),
        ("txt", try file(Data("Hola, señora.\n\tÜber — 漢字\r\n".utf8), in: folder)),
        ("docx", try zip(["[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"], in: folder)),
        ("xlsx", try zip(["xl/workbook.xml": "<x/>"], in: folder)),
        ("pptx", try zip(["ppt/presentation.xml": "<x/>"], in: folder)),
        ("odt", try zip(["mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"], in: folder)),
        ("ods", try zip(["mimetype": "application/vnd.oasis.opendocument.spreadsheet"], in: folder)),
        ("odp", try zip(["mimetype": "application/vnd.oasis.opendocument.presentation"], in: folder)),
    ]
    for (type, path) in samples {
        #expect(UploadCheck.sniff(path) == type, "\(type)")
    }
    // A JPEG named .jpeg is a jpeg; a PNG named .pdf is not a PDF.
    #expect(try UploadCheck.fileType(of: samples[2].1, name: "photo.JPEG", accepted: ["jpeg"]) == "jpeg")
    #expect(throws: HTTPError.self) { try UploadCheck.fileType(of: samples[1].1, name: "report.pdf", accepted: ["pdf", "png"]) }
}

@Test func hostileContentIsNoKnownType() throws {
    let scratch = try TemporaryCourse(["keep": ""], name: "uploads")
    defer { withExtendedLifetime(scratch) {} }
    let folder = scratch.url
    // Binary, broken UTF-8, a plain ZIP, and documents with an entry that leaves their folder.
    #expect(UploadCheck.sniff(try file(Data([0x7F, 0x45, 0x4C, 0x46, 2, 1]), in: folder)) == nil)
    #expect(UploadCheck.sniff(try file(Data([0x41, 0xC3]), in: folder)) == nil)
    #expect(UploadCheck.sniff(try file(Data("a\u{1B}[31mred".utf8), in: folder)) == nil)
    #expect(UploadCheck.sniff(try zip(["notes.txt": "hi"], in: folder)) == nil)
    for evil in ["../evil.sh", "word/../../evil.sh", "/etc/cron.d/x", "C:\\evil.bat", "word\\..\\x"] {
        #expect(UploadCheck.sniff(try zip(["word/document.xml": "<w/>", evil: "x"], in: folder)) == nil, "\(evil)")
    }
    // A long text whose multi-byte characters straddle the 64 KiB blocks is still text.
    let long = String(repeating: "ñandú 漢字 ", count: 20_000)
    #expect(UploadCheck.sniff(try file(Data(long.utf8), in: folder)) == "txt")
}

@Test func uploadNamesKeepNoPathOrControlCharacters() throws {
    for good in ["essay.pdf", "mi carta (final).docx", "漢字.txt"] {
        #expect(try UploadCheck.fileName(good) == good)
    }
    for bad in [nil, "", ".", "..", "../x.pdf", "a/b.pdf", "a\\b.pdf", ".env", "x\u{0}.pdf", "x\u{7}.pdf", "x\n.pdf", "x\u{85}.pdf",
                String(repeating: "a", count: 201)] {
        #expect(throws: HTTPError.self, "\(String(describing: bad))") { try UploadCheck.fileName(bad) }
    }
}
