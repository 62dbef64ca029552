#!/usr/bin/env python3
"""Writes large synthetic Lectern courses for benchmarks.

Usage: bench/generate_course.py OUT_DIR LESSONS [--modules N] [--rich] [--courses N] [--hugo HUGO_DIR]

Short lessons (the default, ~2 KB): headings, a list, a table, one code block, links to the
neighbouring lessons.

--rich: lessons as long as real ones (3-8 KB): several sections with distinct headings, 2-4 code
blocks in different languages, a table, a figure, and 5-10 links, most of them to lessons (and to
headings in lessons) of other modules; 20 lessons and a quiz per module. This is the corpus that
makes link and anchor checking, highlighting and search extraction cost what they cost on a real
course.

--courses N: a catalog of N courses of LESSONS lessons each, in OUT_DIR/course-K.

With --hugo the same Markdown is also written as a complete Hugo site (one section per module; with
--courses, per course and module; layouts from bench/hugo-layouts, code highlighting on), so both tools
can be timed on identical content.
"""
import argparse
import os
import random
import shutil

WORDS = ("learner course lesson module quiz python loop function value list table page build site "
         "server kiosk progress score answer question media image audio video search index").split()
TOPICS = ("variables loops functions strings lists dictionaries files errors classes modules testing "
          "recursion sorting searching networks databases").split()

FIGURE = """<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">
<rect x="10" y="30" width="120" height="60" fill="#e0ecff" stroke="#2a5db0"/>
<rect x="190" y="30" width="120" height="60" fill="#fff2d6" stroke="#b07a2a"/>
<path d="M130 60 H190" stroke="#333" marker-end="url(#a)"/>
<text x="70" y="65" text-anchor="middle">input {k}</text><text x="250" y="65" text-anchor="middle">output {k}</text>
</svg>
"""


def paragraph(rng, sentences=4):
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def lesson_body(rng, module, index, per_module):
    prev_link = f"[previous lesson]({index - 1:03d}-lesson-{module}-{index - 1}.md)" if index > 1 else "the start"
    next_link = f"[next lesson]({index + 1:03d}-lesson-{module}-{index + 1}.md)" if index < per_module else "the end"
    return f"""# Lesson {module}.{index}

{paragraph(rng)}

## Key ideas

- {paragraph(rng, 1)}
- {paragraph(rng, 1)}
- {paragraph(rng, 1)}

| Term | Meaning |
|------|---------|
| {rng.choice(WORDS)} | {paragraph(rng, 1)} |
| {rng.choice(WORDS)} | {paragraph(rng, 1)} |

```python
def lesson_{module}_{index}(values):
    return [value * {index} for value in values if value > {module}]
```

## Practice

{paragraph(rng, 5)}

Go back to {prev_link} or on to {next_link}.
"""


# Rich lessons. Section headings are a pure function of (module, index, section) so that links from
# other lessons can name their anchors; the words are plain ASCII so Lectern's and Hugo's slugs agree.
def heading(module, index, section):
    return f"{TOPICS[(module * 7 + index * 3 + section) % len(TOPICS)].capitalize()} in practice part {module} {index} {section}"


def anchor(module, index, section):
    return heading(module, index, section).lower().replace(" ", "-")


def sections_of(module, index):
    return 3 + (module * 31 + index * 17) % 4


def lesson_file(module, index):
    return f"{index:03d}-lesson-{module}-{index}.md"


def code_block(rng, module, index, n):
    kind = rng.choice(("python", "javascript", "bash", "sql"))
    if kind == "python":
        return f"""```python
def step_{module}_{index}_{n}(values, limit={n + 3}):
    \"\"\"Keep the values above the limit, doubled.\"\"\"
    kept = []
    for value in values:
        if value > limit:
            kept.append(value * 2)
    return sorted(kept, reverse=True)

print(step_{module}_{index}_{n}([3, 9, 12, 1, {index}]))
```"""
    if kind == "javascript":
        return f"""```javascript
function score{module}x{index}x{n}(answers) {{
  const right = answers.filter((a) => a.correct).length;
  return Math.round((100 * right) / Math.max(answers.length, 1));
}}
console.log(score{module}x{index}x{n}([{{ correct: true }}, {{ correct: false }}]));
```"""
    if kind == "bash":
        return f"""```bash
mkdir -p work/{module}/{index}
for file in notes/*.md; do
  wc -w "$file" >> work/{module}/{index}/counts.txt
done
grep -c lesson work/{module}/{index}/counts.txt
```"""
    return f"""```sql
SELECT learner, count(*) AS lessons
FROM progress
WHERE module = {module} AND lesson <= {index}
GROUP BY learner
ORDER BY lessons DESC;
```"""


def rich_links(rng, module, index, modules, per_module_of):
    """5-10 links: neighbours, the module quiz, and lessons (often headings) of other modules."""
    links = []
    if index > 1:
        links.append(("the previous lesson", module, index - 1, None))
    if index < per_module_of(module):
        links.append(("the next lesson", module, index + 1, None))
    for _ in range(rng.randint(4, 8)):
        other = rng.randint(1, modules)
        target = rng.randint(1, per_module_of(other))
        if (other, target) == (module, index):
            continue
        section = rng.randint(1, sections_of(other, target)) if rng.random() < 0.6 else None
        links.append((f"{rng.choice(TOPICS)} in lesson {other}.{target}", other, target, section))
    return links


def rich_lesson(rng, module, index, modules, per_module_of, hugo):
    def href(other, target, section):
        fragment = f"#{anchor(other, target, section)}" if section else ""
        if hugo:
            return f"/module-{other}/lesson-{other}-{target}/{fragment}"
        path = lesson_file(other, target) if other == module else f"../{other:03d}-module-{other}/{lesson_file(other, target)}"
        return path + fragment

    links = rich_links(rng, module, index, modules, per_module_of)
    figure = (f"/media/figure-{module % 5}.svg" if hugo else f"../media/figure-{module % 5}.svg")
    quiz = f"/module-{module}/" if hugo else "999-check.quiz.yaml"
    parts = [f"# Lesson {module}.{index}", paragraph(rng, 5), paragraph(rng, 3)]
    count = sections_of(module, index)
    codes = rng.randint(2, 4)
    for section in range(1, count + 1):
        parts.append(f"## {heading(module, index, section)}")
        parts.append(paragraph(rng, rng.randint(3, 6)))
        parts.append(paragraph(rng, rng.randint(2, 5)))
        if section <= codes:
            parts.append(code_block(rng, module, index, section))
        if section == 1:
            rows = "\n".join(f"| `{rng.choice(WORDS)}_{r}` | {rng.randint(1, 99)} | {paragraph(rng, 1)} |" for r in range(rng.randint(4, 6)))
            parts.append(f"| Name | Size | What it does |\n|------|-----:|--------------|\n{rows}")
        if section == 2:
            parts.append(f"![Diagram: the {rng.choice(WORDS)} goes in on the left and the result comes out on the right]({figure})")
        if section == count:
            parts.append(f"- {paragraph(rng, 1)}\n- {paragraph(rng, 1)}\n- {paragraph(rng, 1)}")
    sentences = [f"See [{text}]({href(other, target, section)})." for text, other, target, section in links]
    parts.append("## Where next\n\n" + " ".join(sentences) + f" When you are ready, [take the module check]({quiz}).")
    return "\n\n".join(parts) + "\n"


def rich_quiz(module):
    return f"""title: "Check: module {module}"
max_attempts: 3
questions:
  - type: single
    prompt: Which keyword starts a loop over a list in module {module}?
    choices:
      - text: "`for`"
        correct: true
      - text: "`if`"
      - text: "`def`"
  - type: multiple
    prompt: Select all the values that are lists.
    choices:
      - id: pair
        text: "`[1, 2]`"
        correct: true
      - id: empty
        text: "`[]`"
        correct: true
      - id: tuple
        text: "`(1, 2)`"
  - type: true_false
    prompt: A function can return another function.
    answer: true
  - type: numeric
    prompt: What is {module} times 3?
    answer: {module * 3}
  - type: short
    prompt: Name the built-in that counts the items of a list.
    answers: [len]
"""


def write_course(out, lessons, modules, rich, rng, hugo=None, hugo_prefix="", title=None):
    modules = modules or max(1, lessons // (20 if rich else 100))
    per_module = -(-lessons // modules)
    counts = [min(per_module, lessons - per_module * m) for m in range(modules)]
    counts = [c for c in counts if c > 0]
    modules = len(counts)

    def per_module_of(m):
        return counts[m - 1]

    os.makedirs(out)
    with open(os.path.join(out, "course.yaml"), "w") as f:
        f.write(f"title: {title or f'Generated course with {lessons} lessons'}\ncompletion:\n  require: lessons\n")
    if rich:
        os.makedirs(os.path.join(out, "media"))
        for k in range(5):
            with open(os.path.join(out, "media", f"figure-{k}.svg"), "w") as f:
                f.write(FIGURE.replace("{k}", str(k)))
        if hugo:
            os.makedirs(os.path.join(hugo, "static", "media"), exist_ok=True)
            for k in range(5):
                shutil.copy(os.path.join(out, "media", f"figure-{k}.svg"), os.path.join(hugo, "static", "media"))
    for module in range(1, modules + 1):
        folder = os.path.join(out, f"{module:03d}-module-{module}")
        os.makedirs(folder)
        hugo_folder = os.path.join(hugo, "content", hugo_prefix, f"module-{module}") if hugo else None
        if hugo_folder:
            os.makedirs(hugo_folder, exist_ok=True)
            with open(os.path.join(hugo_folder, "_index.md"), "w") as f:
                f.write(f"---\ntitle: Module {module}\nweight: {module}\n---\n")
        for index in range(1, per_module_of(module) + 1):
            state = rng.getstate()
            if rich:
                body = rich_lesson(rng, module, index, modules, per_module_of, hugo=False)
            else:
                body = lesson_body(rng, module, index, per_module_of(module))
            front = f"---\nduration_minutes: {rng.randint(3, 20)}\nsummary: {paragraph(rng, 1)}\n---\n"
            with open(os.path.join(folder, lesson_file(module, index)), "w") as f:
                f.write(front + body)
            if hugo_folder:
                if rich:
                    rng.setstate(state)  # the same words, with Hugo's link spelling
                    hugo_body = rich_lesson(rng, module, index, modules, per_module_of, hugo=True)
                    if hugo_prefix:
                        hugo_body = hugo_body.replace("](/module-", f"](/{hugo_prefix}/module-")
                    front = f"---\nduration_minutes: {rng.randint(3, 20)}\nsummary: {paragraph(rng, 1)}\n---\n"
                else:
                    hugo_body = body.replace(".md)", "/)")
                with open(os.path.join(hugo_folder, f"lesson-{module}-{index}.md"), "w") as f:
                    f.write(f"---\ntitle: Lesson {module}.{index}\nweight: {index}\n---\n" + hugo_body)
        if rich:
            with open(os.path.join(folder, "999-check.quiz.yaml"), "w") as f:
                f.write(rich_quiz(module))
    return modules


HUGO_CONFIG = """baseURL = "http://localhost/"
title = "Generated course"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.highlight]
  codeFences = true
  noClasses = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""


def hugo_scaffold(hugo):
    """The config, layouts and stylesheet every Hugo run of the benchmarks uses."""
    shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo-layouts"), os.path.join(hugo, "layouts"))
    os.makedirs(os.path.join(hugo, "static"), exist_ok=True)
    with open(os.path.join(hugo, "static", "style.css"), "w") as f:
        f.write("body { font-family: sans-serif; }\n")
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write(HUGO_CONFIG)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("lessons", type=int, help="lessons per course")
    parser.add_argument("--modules", type=int, default=0)
    parser.add_argument("--rich", action="store_true")
    parser.add_argument("--courses", type=int, default=0, help="write a catalog of this many courses")
    parser.add_argument("--hugo")
    args = parser.parse_args()
    rng = random.Random(42)
    shutil.rmtree(args.out, ignore_errors=True)
    if args.hugo:
        shutil.rmtree(args.hugo, ignore_errors=True)
        os.makedirs(os.path.join(args.hugo, "content"))
        hugo_scaffold(args.hugo)
    if args.courses:
        os.makedirs(args.out)
        for k in range(1, args.courses + 1):
            write_course(os.path.join(args.out, f"course-{k}"), args.lessons, args.modules, args.rich, rng,
                         hugo=args.hugo, hugo_prefix=f"course-{k}", title=f"Generated course {k}")
            if args.hugo:
                with open(os.path.join(args.hugo, "content", f"course-{k}", "_index.md"), "w") as f:
                    f.write(f"---\ntitle: Generated course {k}\nweight: {k}\n---\n")
        print(f"wrote {args.courses} courses of {args.lessons} lessons to {args.out}")
    else:
        modules = write_course(args.out, args.lessons, args.modules, args.rich, rng, hugo=args.hugo)
        print(f"wrote {args.lessons} lessons in {modules} modules to {args.out}")


if __name__ == "__main__":
    main()
