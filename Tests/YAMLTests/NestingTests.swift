// A 20 KB file nested 10,000 levels deep once overflowed the stack of every command that read it.
import Testing
import YAML

@Test func deeplyNestedFlowCollectionsAreALocatedErrorNotACrash() {
    let text = "title: Deep\nextra: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
    #expect(throws: YAMLError(mark: Mark(line: 2, column: 8 + YAMLParser.maximumDepth - 1),
                              problem: "nested more than \(YAMLParser.maximumDepth) levels deep")) {
        try YAMLParser.parse(text)
    }
}

@Test func deeplyNestedBlockMappingsAreALocatedErrorNotACrash() {
    var text = ""
    for depth in 0..<10_000 { text += String(repeating: " ", count: depth) + "k:\n" }
    #expect(throws: YAMLError.self) { try YAMLParser.parse(text) }
    do {
        _ = try YAMLParser.parse(text)
    } catch {
        #expect(error.problem == "nested more than \(YAMLParser.maximumDepth) levels deep")
        // The root mapping (line 1) is level 0; the mapping at level 100 starts with its first key, on line 101.
        #expect(error.mark.line == YAMLParser.maximumDepth + 1)
    }
}

@Test func nestingUpToTheLimitStillParses() throws {
    let depth = YAMLParser.maximumDepth
    let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
    var node = try #require(try YAMLParser.parse(text))
    for _ in 1..<depth { node = try #require(node.sequence?.first) }
    #expect(node.sequence?.first?.int == 1)
}
