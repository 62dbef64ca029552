#!/usr/bin/env bash
# Builds the same generated Markdown with lectern and with Hugo (code highlighting on) and prints
# wall times, the ratio lectern/hugo (target < 1.0) and lectern's peak memory (target < 1 GiB).
# `lectern preview` against `hugo server` is bench/preview.sh.
# Usage: bench/site-build.sh [LESSONS]     needs: hugo (apt-get install hugo)
set -euo pipefail
cd "$(dirname "$0")/.."
lessons="${1:-10000}"
command -v hugo >/dev/null || { echo "bench/site-build.sh needs hugo: apt-get install -y hugo" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product lectern >/dev/null
lectern="$PWD/.build/release/lectern"

python3 bench/generate_course.py "$work/course" "$lessons" --hugo "$work/hugo" >/dev/null
mkdir -p "$work/hugo/layouts" "$work/hugo/static"
cp -r bench/hugo-layouts/* "$work/hugo/layouts/"
echo "body { font-family: sans-serif; }" > "$work/hugo/static/style.css"
cat > "$work/hugo/hugo.toml" <<TOML
baseURL = "http://localhost/"
title = "Generated course"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.highlight]
  codeFences = true
  noClasses = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
TOML

echo "Static site build, $lessons lessons, $(nproc) cores, $(hugo version | cut -d' ' -f1-2):"
lectern_line=$(python3 bench/measure.py "lectern build" "$lectern" build "$work/course" --out "$work/lectern-site")
hugo_line=$(python3 bench/measure.py "hugo" hugo --quiet --source "$work/hugo" --destination "$work/hugo-site")
echo "  $lectern_line"
echo "  $hugo_line"
lectern_s=$(echo "$lectern_line" | sed -E 's/.*: ([0-9.]+) s wall.*/\1/')
hugo_s=$(echo "$hugo_line" | sed -E 's/.*: ([0-9.]+) s wall.*/\1/')
echo "  ratio lectern/hugo: $(python3 -c "print(f'{$lectern_s / $hugo_s:.2f}')") (target < 1.0)"
echo "  pages: lectern $(find "$work/lectern-site" -name '*.html' | wc -l), hugo $(find "$work/hugo-site" -name '*.html' | wc -l)"
# Lesson pages' HTML: the sidebar must not grow with the course (target: every page < 30 KB).
python3 - "$work/lectern-site" "$work/hugo-site" <<'PY'
import os, sys
def sizes(root, skip):
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".html") and name not in skip:
                found.append(os.path.getsize(os.path.join(folder, name)))
    return sorted(found)
lectern = sizes(sys.argv[1], {"index.html", "search.html", "404.html", "account.html", "admin.html", "dashboard.html",
                              "my-courses.html", "teaching.html"})
hugo = sizes(sys.argv[2], {"index.html"})
for name, found in (("lectern", lectern), ("hugo", hugo)):
    if found:
        print(f"  {name} lesson pages: median {found[len(found) // 2] / 1024:.1f} KB, largest {found[-1] / 1024:.1f} KB")
if lectern and hugo:
    print(f"  ratio of median page size lectern/hugo: {lectern[len(lectern) // 2] / hugo[len(hugo) // 2]:.2f} (target: lectern's largest < 30 KB)")
PY

