import Testing
import Markdown

@Test func titleIsTheFirstLevelOneHeading() {
    let outline = MarkdownDocument("Intro text\n\n## Setup\n\n# For loops\n\n# Later\n").outline
    #expect(outline.title == "For loops")
}

@Test func headingAnchorsAreSlugsAndRepeatsAreNumbered() {
    let outline = MarkdownDocument("# Setup\n## Setup\n## Café `range()` & more\n## Setup\n").outline
    #expect(outline.headings.map(\.anchor) == ["setup", "setup-1", "cafe-range-more", "setup-2"])
    #expect(outline.headings.map(\.level) == [1, 2, 2, 2])
    #expect(outline.headings[2].text == "Café range() & more")
    #expect(outline.headings.map(\.line) == [1, 2, 3, 4])
}

@Test func linksAndImagesCarryTheirPositions() {
    let source = "# T\n\nSee [the next lesson](02-next.md#setup) and\n![A padlock](img/lock.svg \"Lock\").\n"
    let references = MarkdownDocument(source).outline.references
    #expect(references == [
        Reference(kind: .link, destination: "02-next.md#setup", text: "the next lesson", line: 3, column: 5),
        Reference(kind: .image, destination: "img/lock.svg", text: "A padlock", line: 4, column: 1),
    ])
}

@Test func columnsCountCharactersOnNonASCIILines() {
    // "Él añade " is 9 characters but 11 bytes: the link starts at character 10.
    let references = MarkdownDocument("Él añade [x](a.md)\n").outline.references
    #expect(references.first?.column == 10)
}

@Test func imageWithoutAltTextHasEmptyText() {
    let references = MarkdownDocument("![](cat.png)\n").outline.references
    #expect(references.first?.text == "")
}

@Test func sectionsSplitTheTextAtHeadingsWithTheirAnchors() {
    let source = """
        Before any heading, *emphasis* and `code`.

        ## Setup
        Install it:

        ```sh
        apt-get   install
        ```

        ## Setup

        | a | b |
        |---|---|
        | one | two |

        - item
        - [x] done $x^2$
        """
    let sections = MarkdownDocument(source).sections
    #expect(sections == [
        TextSection(anchor: nil, heading: "", text: "Before any heading, emphasis and code."),
        TextSection(anchor: "setup", heading: "Setup", text: "Install it: apt-get install"),
        TextSection(anchor: "setup-1", heading: "Setup", text: "a b one two item done"),
    ])
}
