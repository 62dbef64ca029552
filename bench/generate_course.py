#!/usr/bin/env python3
"""Writes a large synthetic Lectern course for benchmarks.

Usage: bench/generate_course.py OUT_DIR LESSONS [--modules N] [--hugo HUGO_DIR]

Each lesson is realistic Markdown (~2 KB: headings, a list, a table, code, links to the
neighbouring lessons), so parse and render costs resemble a real course. With --hugo the same
Markdown is also written as a Hugo site, so both tools can be timed on identical content.
"""
import argparse
import os
import random
import shutil

WORDS = ("learner course lesson module quiz python loop function value list table page build site "
         "server kiosk progress score answer question media image audio video search index").split()


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("lessons", type=int)
    parser.add_argument("--modules", type=int, default=0)
    parser.add_argument("--hugo")
    args = parser.parse_args()
    modules = args.modules or max(1, args.lessons // 100)
    per_module = -(-args.lessons // modules)
    rng = random.Random(42)
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    with open(os.path.join(args.out, "course.yaml"), "w") as f:
        f.write(f"title: Generated course with {args.lessons} lessons\ncompletion:\n  require: lessons\n")
    if args.hugo:
        shutil.rmtree(args.hugo, ignore_errors=True)
        os.makedirs(os.path.join(args.hugo, "content"))
    written = 0
    for module in range(1, modules + 1):
        folder = os.path.join(args.out, f"{module:03d}-module-{module}")
        os.makedirs(folder)
        count = min(per_module, args.lessons - written)
        for index in range(1, count + 1):
            body = lesson_body(rng, module, index, count)
            name = f"{index:03d}-lesson-{module}-{index}.md"
            front = f"---\nduration_minutes: {rng.randint(3, 20)}\nsummary: {paragraph(rng, 1)}\n---\n"
            with open(os.path.join(folder, name), "w") as f:
                f.write(front + body)
            if args.hugo:
                hugo_folder = os.path.join(args.hugo, "content", f"module-{module}")
                os.makedirs(hugo_folder, exist_ok=True)
                hugo_body = body.replace(".md)", "/)")
                with open(os.path.join(hugo_folder, f"lesson-{module}-{index}.md"), "w") as f:
                    f.write(f"---\ntitle: Lesson {module}.{index}\nweight: {index}\n---\n" + hugo_body)
        written += count
    print(f"wrote {written} lessons in {modules} modules to {args.out}")


if __name__ == "__main__":
    main()
