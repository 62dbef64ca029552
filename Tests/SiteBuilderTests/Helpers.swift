import CourseModel
import Foundation
import LecternTesting
import SiteBuilder

/// Loads a course folder (failing the test on errors) and builds it.
func buildSite(_ folder: URL, options: SiteOptions = SiteOptions(), includeDrafts: Bool = false) throws -> BuiltSite {
    let result = try Loader.load(folder, options: LoadOptions(includeDrafts: includeDrafts))
    guard !result.hasErrors else { throw BuildFailure(diagnostics: result.diagnostics.map(\.description)) }
    return try SiteBuilder.build([CourseSource(course: result.course, folder: folder)], options: options)
}

struct BuildFailure: Error {
    var diagnostics: [String]
}

/// Every output file's bytes (copied media read from disk), for comparing builds.
func bytes(of site: BuiltSite) throws -> [String: Data] {
    try site.files.mapValues { contents in
        switch contents {
        case .data(let data): data
        case .copy(let url): try Data(contentsOf: url)
        case .written: Data()   // only `lectern build` writes pages early; these builds keep them
        }
    }
}
