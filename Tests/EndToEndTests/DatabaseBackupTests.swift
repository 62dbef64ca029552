// `lectern db backup DIR/ --keep N` (issue 16 §3): the daily backup timer's rotation.
import Foundation
import LecternTesting
import Testing

@Test func backupsIntoAFolderKeepTheNewestAndNothingElseIsRemoved() throws {
    let (server, data) = try startServer()
    try registerAndLogin(server, "ada")
    let database = data.url.appendingPathComponent("lectern.db").path
    let backups = data.url.appendingPathComponent("backups")
    try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
    try Data("notes".utf8).write(to: backups.appendingPathComponent("README"))
    var written: [String] = []
    for _ in 1...4 {
        let result = try runLectern("db", "backup", backups.path + "/", "--keep", "2", "--db", database)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let path = try #require(result.stdout.split(separator: "\n").first?.replacingOccurrences(of: "backed up to ", with: ""))
        written.append(String(path))
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: backups.path).sorted()
    #expect(names == ["README"] + written.suffix(2).map { URL(fileURLWithPath: $0).lastPathComponent }, "\(names)")
    #expect(names.dropFirst().allSatisfy { $0.range(of: #"^lectern-[0-9]{8}-[0-9]{6}\.[0-9]{3}\.db$"#, options: .regularExpression) != nil })
    // The kept copies are whole databases, with the account in them.
    let check = try runLectern("users", "list", "--db", written.last!)
    #expect(check.exitCode == 0 && check.stdout.contains("ada"), "\(check.stdout)\(check.stderr)")
    #expect(server.stop() == 0)
}

@Test func backupRotationNeedsAFolderAndAnExistingDatabase() throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let keepOnFile = try runLectern("db", "backup", data.url.appendingPathComponent("one.db").path, "--keep", "3", "--db", "x.db")
    #expect(keepOnFile.exitCode == 64 && keepOnFile.stderr.contains("--keep needs a folder to rotate in"))
    let noDatabase = try runLectern("db", "backup", data.url.path + "/", "--db", data.url.appendingPathComponent("missing.db").path)
    #expect(noDatabase.exitCode == 1 && noDatabase.stderr.contains("missing.db does not exist"))
    #expect(!FileManager.default.fileExists(atPath: data.url.appendingPathComponent("missing.db").path))
}
