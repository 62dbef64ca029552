import Testing
import YAML

@Test func mappingKeepsKeyOrderAndPositions() throws {
    let root = try #require(try YAMLParser.parse("title: Loops\nlevel: beginner\ntags: [a, b]\n"))
    let pairs = try #require(root.mapping)
    #expect(pairs.map { $0.key.scalar } == ["title", "level", "tags"])
    #expect(pairs[1].value.mark == Mark(line: 2, column: 8))
    #expect(pairs[2].value.sequence?.map(\.scalar) == ["a", "b"])
    #expect(pairs[2].value.sequence?[1].mark == Mark(line: 3, column: 11))
}

@Test func columnsCountCharactersNotBytes() throws {
    // "título" has a two-byte 'í': the value starts at character 9, byte 10.
    let root = try #require(try YAMLParser.parse("título: Año\n"))
    #expect(root.mapping?[0].value.mark == Mark(line: 1, column: 9))
}

@Test func plainScalarsAreTypedAndQuotedOnesAreNot() throws {
    let root = try #require(try YAMLParser.parse("a: 42\nb: '42'\nc: true\nd: 2.5\ne: ~\nf: yes\n"))
    let values = try #require(root.mapping).map(\.value)
    #expect(values[0].int == 42)
    #expect(values[1].int == nil && values[1].string == "42")
    #expect(values[2].bool == true)
    #expect(values[3].double == 2.5 && values[3].int == nil)
    #expect(values[4].isNull)
    #expect(values[5].bool == nil && values[5].string == "yes")
}

@Test func blockScalarKeepsLines() throws {
    let root = try #require(try YAMLParser.parse("description: |\n  Line one.\n  Line two.\n"))
    #expect(root.mapping?[0].value.string == "Line one.\nLine two.\n")
}

@Test func aliasesResolveToTheAnchoredNode() throws {
    let root = try #require(try YAMLParser.parse("a: &x [1, 2]\nb: *x\n"))
    #expect(root.mapping?[1].value.sequence?.count == 2)
}

@Test func emptyTextHasNoDocument() throws {
    #expect(try YAMLParser.parse("") == nil)
    #expect(try YAMLParser.parse("# only a comment\n") == nil)
}

@Test func syntaxErrorCarriesLibyamlPositionAndContext() {
    #expect {
        try YAMLParser.parse("title: Loops\n  level: x\n")
    } throws: { error in
        guard let error = error as? YAMLError else { return false }
        return error.mark == Mark(line: 2, column: 8)
            && error.problem == "mapping values are not allowed in this context"
    }
}

@Test func unclosedFlowSequenceNamesWhatWasBeingParsed() {
    #expect {
        try YAMLParser.parse("tags: [a, b\nlevel: x\n")
    } throws: { error in
        let message = (error as? YAMLError)?.message(lineOffset: 10) ?? ""
        return message.hasSuffix("(while parsing a flow sequence at 11:7)")
    }
}

@Test func duplicateKeyIsAnErrorAtTheSecondKey() {
    #expect {
        try YAMLParser.parse("title: A\ncode: X\ntitle: B\n")
    } throws: { error in
        (error as? YAMLError) == YAMLError(mark: Mark(line: 3, column: 1), problem: "duplicate key 'title'")
    }
}

@Test func secondDocumentIsRefused() {
    #expect(throws: YAMLError.self) { try YAMLParser.parse("a: 1\n---\nb: 2\n") }
}

