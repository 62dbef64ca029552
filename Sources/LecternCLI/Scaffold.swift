/// The files `lectern new` writes: a small course that shows each part of the format and passes `check`.
/// Kept in the binary so `lectern new` works wherever it is installed.
enum Scaffold {
    /// "my-first-course" → "My first course".
    static func title(fromFolderName name: String) -> String {
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Course-relative path → contents.
    static func files(title: String) -> [(String, String)] {
        [
            ("course.yaml", courseYAML(title: title)),
            ("01-getting-started/module.yaml", moduleYAML),
            ("01-getting-started/01-welcome.md", welcomeLesson),
            ("01-getting-started/02-writing-lessons.md", writingLesson),
            ("01-getting-started/03-check-your-understanding.quiz.yaml", quizYAML),
            ("images/course-map.svg", courseMapSVG),
        ]
    }

    /// A YAML double-quoted scalar: safe for any title, including ones with ':' or '#'.
    static func yamlQuoted(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }

    static func courseYAML(title: String) -> String {
        """
        # The course: see docs/course-format.md for every key.
        title: \(yamlQuoted(title))
        short_description: A starting point for a course kept as code.
        description: |
          Describe what learners will be able to do after this course.
          This text is **Markdown**.
        level: beginner
        category: General
        tags: [example]
        language: en
        instructors:
          - name: Your Name
            email: you@example.org
        learning_outcomes:
          - Find your way around a Lectern course folder
        estimated_duration_minutes: 15
        license: CC-BY-4.0
        version: "1.0"
        # What completes the course: lessons, quizzes or all; the pass mark of quizzes by default.
        completion:
          require: all
          mastery_score: 70
        certificate:
          min_score: 70
          require_all_lessons: true
        faqs:
          - question: Where do lessons go?
            answer: In numbered module folders such as `01-getting-started/`.

        """
    }

    static let moduleYAML = """
    title: Getting started
    description: How a course folder is organised.

    """

    static let welcomeLesson = """
    ---
    duration_minutes: 5
    summary: What this course is and how it is organised.
    objectives:
      - Know where lessons, quizzes and media live
    ---

    # Welcome

    Each lesson is a Markdown file in a numbered module folder. The number orders
    lessons; the rest of the file name becomes the lesson's stable id.

    ![A map of the course folder: modules hold lessons and quizzes](../images/course-map.svg)

    ## What comes next

    Read [how to write lessons](02-writing-lessons.md#links-and-media), then try the quiz.

    """

    static let writingLesson = """
    ---
    duration_minutes: 10
    summary: Front matter, headings, links and media.
    ---

    # Writing lessons

    The optional front matter between the `---` lines sets the title, duration and summary.
    Without a `title`, the first `#` heading names the lesson.

    ## Links and media

    Link to other lessons with relative `.md` paths, like [the welcome](01-welcome.md).
    Put images anywhere in the course folder and give each one alt text.

    | Write this | To get |
    |---|---|
    | `**bold**` | **bold** |
    | `~~struck~~` | ~~struck~~ |

    - [x] Write a lesson
    - [ ] Run `lectern check`

    """

    static let quizYAML = """
    title: Check your understanding
    pass_score: 70
    max_attempts: 3
    questions:
      - type: single
        prompt: Where do lessons live?
        choices:
          - text: In numbered module folders
            correct: true
            feedback: Right, the number orders them.
          - text: Anywhere in the course folder
            feedback: Media can live anywhere; lessons need a module.
      - type: true_false
        prompt: Renaming `01-welcome.md` to `05-welcome.md` changes the lesson's id.
        answer: false
        explanation: The numeric prefix only orders lessons; ids come from the rest of the name.

    """

    static let courseMapSVG = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120" role="img">
      <title>Course folder map</title>
      <rect x="10" y="10" width="300" height="100" rx="8" fill="#eef3fb" stroke="#3b6fb6"/>
      <text x="24" y="36" font-family="sans-serif" font-size="14">course.yaml</text>
      <rect x="24" y="48" width="272" height="50" rx="6" fill="#ffffff" stroke="#3b6fb6"/>
      <text x="36" y="70" font-family="sans-serif" font-size="13">01-getting-started/</text>
      <text x="48" y="88" font-family="sans-serif" font-size="12">01-welcome.md · 03-check.quiz.yaml</text>
    </svg>

    """
}
