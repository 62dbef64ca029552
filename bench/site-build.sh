#!/usr/bin/env bash
# Builds the same generated Markdown with lectern and with Hugo (code highlighting on) and prints
# wall times, the ratio lectern/hugo (target < 1.0) and lectern's peak memory (target < 1 GiB);
# then times `lectern preview` rebuilding a 2,000-lesson course after one lesson changes (target < 0.5 s).
# Usage: bench/site-build.sh [LESSONS]     needs: hugo (apt-get install hugo)
set -euo pipefail
cd "$(dirname "$0")/.."
lessons="${1:-10000}"
command -v hugo >/dev/null || { echo "bench/site-build.sh needs hugo: apt-get install -y hugo" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"; [[ -n "${preview:-}" ]] && kill "$preview" 2>/dev/null || true' EXIT

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

# Incremental rebuild in lectern preview.
python3 bench/generate_course.py "$work/small" 2000 >/dev/null
"$lectern" preview "$work/small" --port 0 > "$work/preview.out" 2> "$work/preview.err" &
preview=$!
for _ in $(seq 100); do grep -q "Serving on" "$work/preview.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/preview.out" | cut -d: -f2)
python3 - "$port" "$work/small" "$work/preview.err" <<'PY'
import glob, json, re, sys, time, urllib.request
port, course, log = sys.argv[1], sys.argv[2], sys.argv[3]
def version():
    return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/__lectern/version"))["version"]
lesson = sorted(glob.glob(f"{course}/*/*.md"))[1000]
latencies = []
for round in range(5):
    before = version()
    with open(lesson, "a") as f:
        f.write(f"\nEdited paragraph {round}.\n")
    start = time.perf_counter()
    while version() == before:
        time.sleep(0.005)
    latencies.append(time.perf_counter() - start)
builds = [float(x) for x in re.findall(r"built in ([0-9.]+) s", open(log).read())][1:]
print(f"Preview, 2000 lessons, one lesson edited (5 rounds):")
print(f"  rebuild: median {sorted(builds)[len(builds) // 2]:.3f} s (target < 0.5 s)")
print(f"  edit to reload-ready, including the 0.1 s file watch: median {sorted(latencies)[2]:.3f} s")
PY
