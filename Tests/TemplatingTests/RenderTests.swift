// Rendering the way Lectern's site builder uses templates: layouts, lesson lists, untrusted text.

import Templating
import Testing

@Test func pageOverridesBlocksOfBaseLayout() throws {
    let library = try TemplateLibrary(sources: [
        "layout": """
            <!DOCTYPE html>
            <html>
            <head>
              <title>{{$title}}{{course.title}}{{/title}}</title>
            </head>
            <body>
              <main>
                {{$content}}
                <p>No content.</p>
                {{/content}}
              </main>
            </body>
            </html>

            """,
        "lesson": """
            {{<layout}}
            {{$title}}{{lesson.title}} · {{course.title}}{{/title}}
            {{$content}}
            <h1>{{lesson.title}}</h1>
            {{{lesson.html}}}
            {{/content}}
            {{/layout}}

            """,
    ])
    let context: TemplateValue = [
        "course": ["title": "Loops & Lists"],
        "lesson": ["title": "For loops", "html": "<p>Repeat.</p>"],
    ]
    #expect(library.render("lesson", context) == """
        <!DOCTYPE html>
        <html>
        <head>
          <title>For loops · Loops &amp; Lists</title>
        </head>
        <body>
          <main>
            <h1>For loops</h1>
            <p>Repeat.</p>
          </main>
        </body>
        </html>

        """)
    #expect(library.render("layout", context)?.contains("    <p>No content.</p>\n  </main>") == true)
}

@Test func partialRendersEachLessonWithIndentation() throws {
    let library = try TemplateLibrary(sources: [
        "lesson-link": "<li><a href=\"{{url}}\">{{title}}</a>{{#current}} (current){{/current}}</li>\n",
        "nav": """
            <ul>
              {{#lessons}}
              {{>lesson-link}}
              {{/lessons}}
              {{^lessons}}
              <li>No lessons yet.</li>
              {{/lessons}}
            </ul>

            """,
    ])
    let lessons: TemplateValue = [
        "lessons": [
            ["url": "01-intro.html", "title": "Intro", "current": false],
            ["url": "02-loops.html", "title": "Loops", "current": true],
        ],
    ]
    #expect(library.render("nav", lessons) == """
        <ul>
          <li><a href="01-intro.html">Intro</a></li>
          <li><a href="02-loops.html">Loops</a> (current)</li>
        </ul>

        """)
    #expect(library.render("nav", ["lessons": []]) == "<ul>\n  <li>No lessons yet.</li>\n</ul>\n")
}

@Test func scriptTagsInValuesAreEscaped() throws {
    let template = try Template("<h1>{{title}}</h1>\n<div title='{{title}}'>{{{html}}}</div>")
    let output = template.render([
        "title": "<script>alert('x & y')</script>",
        "html": "<em>trusted</em>",
    ])
    #expect(output == """
        <h1>&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;</h1>
        <div title='&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;'><em>trusted</em></div>
        """)
}

@Test func emptyStringIsFalseyAndZeroIsTruthy() throws {
    let template = try Template("{{#subtitle}}<h2>{{subtitle}}</h2>{{/subtitle}}{{#count}}{{count}} quizzes{{/count}}")
    #expect(template.render(["subtitle": "", "count": 0]) == "0 quizzes")
}

@Test func numbersRenderAsDecimals() throws {
    let template = try Template("{{minutes}} min, {{score}}%, {{ratio}}")
    #expect(template.render(["minutes": 45, "score": 2.0, "ratio": 0.75]) == "45 min, 2%, 0.75")
}

@Test func missingTemplatesRenderAsNothing() throws {
    let library = try TemplateLibrary(sources: ["page": "[{{>missing}}][{{<missing}}{{/missing}}]"])
    #expect(library.render("page", [:]) == "[][]")
    #expect(library.render("missing", [:]) == nil)
    #expect(library["page"] != nil)
}

@Test func selfIncludingPartialStopsInsteadOfCrashing() throws {
    let library = try TemplateLibrary(sources: ["loop": "x{{>loop}}"])
    #expect(library.render("loop", [:])?.count == 101)
}

@Test func oneTemplateRendersConcurrently() async throws {
    let library = try TemplateLibrary(sources: ["item": "<li>{{.}}</li>"])
    let template = try Template("<ul>{{#items}}{{>item}}{{/items}}</ul>")
    let outputs = await withTaskGroup(of: String.self) { group in
        for page in 0..<200 {
            group.addTask { template.render(["items": [.int(page), "b"]], library: library) }
        }
        return await group.reduce(into: Set<String>()) { $0.insert($1) }
    }
    #expect(outputs.count == 200)
    #expect(outputs.contains("<ul><li>7</li><li>b</li></ul>"))
}
