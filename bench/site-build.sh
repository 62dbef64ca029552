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

compare() {  # LABEL LECTERN_SOURCES...: builds $work/course-md with both tools and prints the figures
  local label="$1"; shift
  echo "$label ($(nproc) cores, $(hugo version | cut -d' ' -f1-2)):"
  local lectern_line hugo_line
  lectern_line=$(python3 bench/measure.py "lectern build" "$lectern" build "$@" --out "$work/lectern-site")
  hugo_line=$(python3 bench/measure.py "hugo" hugo --quiet --source "$work/hugo" --destination "$work/hugo-site")
  echo "  $lectern_line"
  echo "  $hugo_line"
  python3 - "$lectern_line" "$hugo_line" "$work/lectern-site" "$work/hugo-site" <<'PY'
import os, re, sys
def figures(line):
    wall, peak = re.search(r": ([0-9.]+) s wall, ([0-9.]+) MiB", line).groups()
    return float(wall), float(peak)
(lw, lm), (hw, hm) = figures(sys.argv[1]), figures(sys.argv[2])
print(f"  ratio lectern/hugo: wall {lw / hw:.2f} (target <= 0.5), peak memory {lm / hm:.2f} (target <= 0.25)")
skip = {"index.html", "search.html", "404.html", "account.html", "admin.html", "dashboard.html", "my-courses.html",
        "teaching.html", "outline.html"}
def walk(root, is_lesson):
    total, pages = 0, []
    for folder, _, names in os.walk(root):
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            if is_lesson(folder, name):
                pages.append(size)
    return total, sorted(pages)
# Lectern writes course/module/lesson.html (quiz pages beside them); Hugo writes module/lesson-M-I/index.html.
# The site's own pages at the root (account, admin, the SCORM player...) are not lesson pages.
lectern_root = os.path.normpath(sys.argv[3])
def lectern_lesson(folder, name):
    depth = len(os.path.relpath(folder, lectern_root).split(os.sep))
    return name.endswith(".html") and name not in skip and depth == 2
lt, lp = walk(sys.argv[3], lectern_lesson)
ht, hp = walk(sys.argv[4], lambda folder, name: name == "index.html" and os.path.basename(folder).startswith("lesson-"))
print(f"  written: lectern {lt / 2**20:.0f} MiB, hugo {ht / 2**20:.0f} MiB (target: lectern less)")
print(f"  lesson pages: lectern median {lp[len(lp) // 2] / 1024:.1f} KB, largest {lp[-1] / 1024:.1f} KB (target < 30 KB); "
      f"hugo median {hp[len(hp) // 2] / 1024:.1f} KB")
PY
  rm -rf "$work/lectern-site" "$work/hugo-site" "$work/hugo" "$work/course"
}

python3 bench/generate_course.py "$work/course" "$lessons" --hugo "$work/hugo" >/dev/null
compare "$lessons short lessons in one course" "$work/course"

python3 bench/generate_course.py "$work/course" "$lessons" --rich --hugo "$work/hugo" >/dev/null
compare "$lessons rich lessons in one course" "$work/course"

python3 bench/generate_course.py "$work/course" 200 --rich --courses "$courses" --hugo "$work/hugo" >/dev/null
compare "a catalog of $courses courses of 200 rich lessons" "$work"/course/course-*
