#!/usr/bin/env bash
# Save → page ready in `lectern preview` next to `hugo server`'s rebuild of the same edit on the same
# Markdown, measured in the same run, on the rich generated corpus at 2,000 and 10,000 lessons.
# Edits: the text of several lessons, a heading other lessons link to, and a module's quiz (for Hugo the
# module's page, where its quiz link points). Lectern's figure is the time from the write to the new
# version at /__lectern/version (the live-reload endpoint), so it includes the file watch; Hugo's is
# the "Total in N ms" it prints for the rebuild. Prints medians and the ratio (target ≤ 0.5).
# Usage: bench/preview.sh [LESSONS...]     (default: 2000 10000)   needs: hugo (apt-get install hugo)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(2000 10000)
command -v hugo >/dev/null || { echo "bench/preview.sh needs hugo: apt-get install -y hugo" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product lectern >/dev/null
lectern="$PWD/.build/release/lectern"
echo "Preview: save → page ready, rich lessons, $(nproc) cores, $(hugo version | cut -d' ' -f1-2)"

for lessons in "${sizes[@]}"; do
    dir="$work/$lessons"
    mkdir -p "$dir"
    python3 bench/generate_course.py "$dir/course" "$lessons" --rich --hugo "$dir/hugo" >/dev/null
    "$lectern" preview "$dir/course" --port 0 > "$dir/lectern.out" 2> "$dir/lectern.err" &
    pids+=($!)
    hugo_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    hugo server --source "$dir/hugo" --bind 127.0.0.1 --port "$hugo_port" > "$dir/hugo.out" 2>&1 &
    pids+=($!)
    python3 - "$dir" "$lessons" <<'PY'
import json, os, re, statistics, sys, time, urllib.request

folder, lessons = sys.argv[1], int(sys.argv[2])
course, hugo = os.path.join(folder, "course"), os.path.join(folder, "hugo")

def wait_for(path, pattern, seconds=900):
    deadline = time.time() + seconds
    while time.time() < deadline:
        text = open(path).read()
        match = re.search(pattern, text)
        if match:
            return match
        time.sleep(0.2)
    sys.exit(f"timed out waiting for {pattern!r} in {path}")

port = wait_for(os.path.join(folder, "lectern.out"), r"127\.0\.0\.1:(\d+)").group(1)
wait_for(os.path.join(folder, "hugo.out"), r"Web Server is available")

def version():
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__lectern/version") as response:
        return json.load(response)["version"]

def hugo_totals():
    return [int(x) for x in re.findall(r"Total in (\d+) ms", open(os.path.join(folder, "hugo.out")).read())]

def lectern_builds():
    return [float(x) for x in re.findall(r"built in ([0-9.]+) s", open(os.path.join(folder, "lectern.err")).read())]

def lectern_edit(path, change):
    before = version()
    text = change(open(path).read())
    start = time.perf_counter()
    with open(path, "w") as f:
        f.write(text)
    while version() == before:
        time.sleep(0.0005)
    return (time.perf_counter() - start) * 1000

def hugo_edit(path, change):
    count = len(hugo_totals())
    with open(path, "w") as f:
        f.write(change(open(path).read()))
    deadline = time.time() + 60
    while len(hugo_totals()) == count and time.time() < deadline:
        time.sleep(0.005)
    totals = hugo_totals()
    return totals[-1] if len(totals) > count else None

modules = sorted(name for name in os.listdir(course) if name[:3].isdigit())
def lesson_paths(module_number, index):
    return (os.path.join(course, modules[module_number - 1], f"{index:03d}-lesson-{module_number}-{index}.md"),
            os.path.join(hugo, "content", f"module-{module_number}", f"lesson-{module_number}-{index}.md"))

# A heading another lesson links to: the first "file.md#anchor" link in the course.
linked = None
for module in modules[len(modules) // 2:]:
    for name in sorted(os.listdir(os.path.join(course, module))):
        if not name.endswith(".md"):
            continue
        match = re.search(r"\]\(\.\./\d+-module-(\d+)/\d+-lesson-\d+-(\d+)\.md#([a-z0-9-]+)\)", open(os.path.join(course, module, name)).read())
        if match:
            linked = (int(match.group(1)), int(match.group(2)), match.group(3))
            break
    if linked:
        break

count = len(modules)
edits = []
for k, (m, i) in enumerate([(count // 3 + 1, 5), (count // 2 + 1, 12), (count - 1, 3), (2, 17)]):
    edits.append((f"lesson text", *lesson_paths(m, i), lambda text, k=k: text + f"\nAn added sentence about loops, number {k}.\n"))
if linked:
    m, i, anchor = linked
    lectern_path, hugo_path = lesson_paths(m, i)
    def rename_heading(text, anchor=anchor):
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if line.startswith("## ") and re.sub(r"[^a-z0-9]+", "-", line[3:].lower()).strip("-").startswith(anchor):
                lines[n] = line + " revised"
                break
        return "\n".join(lines)
    edits.append(("linked heading", lectern_path, hugo_path, rename_heading))
quiz_module = count // 2
edits.append(("quiz", os.path.join(course, modules[quiz_module - 1], "999-check.quiz.yaml"),
              os.path.join(hugo, "content", f"module-{quiz_module}", "_index.md"),
              lambda text: text.replace("Select all the values that are lists", "Select all the values that are lists (revised)", 1)
              if "Select all" in text else text + "\nRevised.\n"))

rounds = 3
lectern_ms, hugo_ms, kinds = [], [], {}
time.sleep(2)
for round in range(rounds):
    for kind, lectern_path, hugo_path, change in edits:
        ours = lectern_edit(lectern_path, change)
        time.sleep(0.3)
        theirs = hugo_edit(hugo_path, change)
        time.sleep(0.3)
        lectern_ms.append(ours)
        if theirs is not None:
            hugo_ms.append(theirs)
        kinds.setdefault(kind, []).append((ours, theirs))

builds = lectern_builds()[1:]
print(f"  {lessons} lessons, {len(lectern_ms)} edits ({', '.join(f'{len(v)}× {k}' for k, v in kinds.items())}):")
for kind, pairs in kinds.items():
    print(f"    {kind:15} lectern save→ready median {statistics.median(p[0] for p in pairs):6.1f} ms, "
          f"hugo rebuild median {statistics.median(p[1] for p in pairs if p[1] is not None):6.1f} ms")
ours, theirs = statistics.median(lectern_ms), statistics.median(hugo_ms)
print(f"    lectern save→page ready (incl. file watch): median {ours:.1f} ms; lectern's own build time: median {statistics.median(builds) * 1000:.1f} ms")
print(f"    hugo server \"Total in\": median {theirs:.1f} ms")
print(f"    ratio lectern/hugo: {ours / theirs:.2f} (target ≤ 0.5)")
PY
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
    rm -rf "$dir"
done
