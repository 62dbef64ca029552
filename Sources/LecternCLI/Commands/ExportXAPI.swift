import Foundation
import Server
import SiteBuilder

extension ExportCommand {
    /// `lectern export xapi [DIR...]`: the records as xAPI statements, a JSON array on standard output.
    static func exportXAPI(_ arguments: Arguments) throws -> Int32 {
        let folders = Array(arguments.positionals.dropFirst())
        let homePage = arguments.options["--home-page"] ?? XAPIStatements.defaultHomePage
        guard ServeSettings.isWebAddress(homePage) else {
            throw UsageError("--home-page must be an http:// or https:// address, such as https://kiosk3.school.example/")
        }
        guard let database = existingDatabase(arguments, command: "export") else { return ExitCode.failure }
        // The titles come from the courses; without them the statements still name every activity by id.
        var courses: [CourseSource] = []
        if !folders.isEmpty {
            guard let loaded = CourseLoading.load(folders, includeDrafts: true, command: "export") else { return ExitCode.failure }
            courses = loaded
        }
        do {
            let statements = XAPIStatements(homePage: homePage, courses: courses.map(\.course)).statements(for: try Store(path: database).learningEvents())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Output.print(String(decoding: try encoder.encode(statements), as: UTF8.self))
            Output.error("\(statements.count) statement\(statements.count == 1 ? "" : "s")")
            return ExitCode.ok
        } catch {
            Output.error("lectern export: \(error)")
            return ExitCode.failure
        }
    }
}
