import Foundation
import LecternTesting
import Server
import Testing
import YAML

@Test func theOpenAPIFileDescribesExactlyTheRegisteredRoutes() throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    let store = try Store(path: folder.url.appendingPathComponent("api.db").path)
    let tokens = try TokenService(secretPath: folder.url.appendingPathComponent("secret.key").path)
    let server = APIServer(store: store, tokens: tokens, catalog: Catalog([]), siteFolder: folder.url)
    let registered = Set(server.router.registered)

    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
    let root = try #require(try YAMLParser.parse(text))
    let paths = try #require(root.mapping?.first { $0.key.scalar == "paths" }?.value.mapping)
    var documented: Set<String> = []
    let methods: Set<String> = ["get", "put", "post", "delete", "patch"]
    for path in paths {
        for operation in path.value.mapping ?? [] where methods.contains(operation.key.scalar ?? "") {
            documented.insert("\(operation.key.scalar!.uppercased()) \(path.key.scalar!)")
        }
    }
    #expect(registered.count >= 20)
    #expect(documented.subtracting(registered).isEmpty, "documented but not served: \(documented.subtracting(registered).sorted())")
    #expect(registered.subtracting(documented).isEmpty, "served but not documented: \(registered.subtracting(documented).sorted())")
}
