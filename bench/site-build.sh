#!/usr/bin/env bash
# Builds the same generated Markdown with lectern and with Hugo (code highlighting on, warm file cache)
# and prints, for each corpus, both tools' wall time and peak memory, the ratios (targets: wall <= 0.5x
# Hugo, peak memory <= 0.25x Hugo), the bytes each wrote and lesson page sizes (target: < 30 KB).
# Corpora: LESSONS short lessons (~2 KB), LESSONS rich lessons (4-8 KB: code, a table, a figure,
# cross-module links; 20 lessons and a quiz per module) in one course, and a catalog of 50 courses
# of 200 rich lessons. `lectern preview` against `hugo server` is bench/preview.sh.
# Usage: bench/site-build.sh [LESSONS] [COURSES]     needs: hugo (apt-get install hugo)
set -euo pipefail
cd "$(dirname "$0")/.."
lessons="${1:-10000}"
courses="${2:-50}"
command -v hugo >/dev/null || { echo "bench/site-build.sh needs hugo: apt-get install -y hugo" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product lectern >/dev/null
lectern="$PWD/.build/release/lectern"

# Every build, warm-up and measured, writes into a new empty folder and nothing is deleted until the
# end: both tools then create every file they write. (Rebuilding into the warm-up's output let Hugo
# overwrite files in place while lectern, which stages a fresh folder and swaps it in, created and
# deleted ten thousand; and on ext4 without a journal, as on the CI machines, creating files soon after
# mass deletions is slow for whichever tool comes next.)
compare() {  # LABEL NAME LECTERN_SOURCES...: builds the corpus in $work/NAME with both tools and prints the figures
  local label="$1" name="$2"; shift 2
  echo "$label ($(nproc) cores, $(hugo version | cut -d' ' -f1-2)):"
  local lectern_line hugo_line
  lectern_line=$(python3 bench/measure.py "lectern build" "$lectern" build "$@" --out "$work/$name/lectern-{run}")
  hugo_line=$(python3 bench/measure.py "hugo" hugo --quiet --source "$work/$name/hugo" --destination "$work/$name/hugo-{run}")
  echo "  $lectern_line"
  echo "  $hugo_line"
  python3 - "$lectern_line" "$hugo_line" "$work/$name/lectern-measured" "$work/$name/hugo-measured" <<'PY'
import os, re, sys
def figures(line):
    wall, peak = re.search(r": ([0-9.]+) s wall, ([0-9.]+) MiB", line).groups()
    return float(wall), float(peak)
(lw, lm), (hw, hm) = figures(sys.argv[1]), figures(sys.argv[2])
print(f"  ratio lectern/hugo: wall {lw / hw:.2f} (target <= 0.5), peak memory {lm / hm:.2f} (target <= 0.25)")
skip = {"index.html", "search.html", "404.html", "account.html", "admin.html", "dashboard.html", "my-courses.html",
        "teaching.html", "outline.html"}
def walk(root, is_lesson):
    # Bytes written: a file hard-linked in several places (a catalog's shared assets) was written once.
    # Bytes of the full-text search index (a course's search/ folder), which Hugo does not build, are
    # also counted apart so the pages themselves can be compared.
    total, search, pages, seen = 0, 0, [], set()
    for folder, _, names in os.walk(root):
        for name in names:
            status = os.stat(os.path.join(folder, name))
            size = status.st_size
            if (status.st_dev, status.st_ino) not in seen:
                seen.add((status.st_dev, status.st_ino))
                total += size
                if os.path.basename(folder) == "search":
                    search += size
            if is_lesson(folder, name):
                pages.append(size)
    return total, search, sorted(pages)
# Lectern writes course/module/lesson.html (quiz pages beside them); Hugo writes module/lesson-M-I/index.html.
# The site's own pages at the root (account, admin, the SCORM player...) are not lesson pages.
lectern_root = os.path.normpath(sys.argv[3])
def lectern_lesson(folder, name):
    depth = len(os.path.relpath(folder, lectern_root).split(os.sep))
    return name.endswith(".html") and name not in skip and depth == 2
lt, ls, lp = walk(sys.argv[3], lectern_lesson)
ht, _, hp = walk(sys.argv[4], lambda folder, name: name == "index.html" and os.path.basename(folder).startswith("lesson-"))
print(f"  written: lectern {lt / 2**20:.0f} MiB ({ls / 2**20:.0f} of them the search index), hugo {ht / 2**20:.0f} MiB "
      f"(no search index) (target: lectern less)")
print(f"  lesson pages: lectern median {lp[len(lp) // 2] / 1024:.1f} KB, largest {lp[-1] / 1024:.1f} KB (target < 30 KB); "
      f"hugo median {hp[len(hp) // 2] / 1024:.1f} KB")
PY
}

python3 bench/generate_course.py "$work/short/course" "$lessons" --hugo "$work/short/hugo" >/dev/null
compare "$lessons short lessons in one course" short "$work/short/course"

python3 bench/generate_course.py "$work/rich/course" "$lessons" --rich --hugo "$work/rich/hugo" >/dev/null
compare "$lessons rich lessons in one course" rich "$work/rich/course"

python3 bench/generate_course.py "$work/catalog/course" 200 --rich --courses "$courses" --hugo "$work/catalog/hugo" >/dev/null
compare "a catalog of $courses courses of 200 rich lessons" catalog "$work"/catalog/course/course-*
