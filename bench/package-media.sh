#!/usr/bin/env bash
# Packages a course holding 1 GB of generated media with `lectern package` and zips the same folder
# with `zip -r`, in one run; prints wall time and peak memory of both and the time ratio.
# Targets: under 2x zip's time, under 200 MB peak memory. Usage: bench/package-media.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-1024}"
command -v zip >/dev/null || { echo "bench/package-media.sh needs zip: apt-get install -y zip" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product lectern >/dev/null
lectern="$PWD/.build/release/lectern"
python3 bench/generate_course.py "$work/course" 200 >/dev/null
# Ten videos of random bytes (incompressible, like real video), each referenced by a lesson.
python3 - "$work/course" "$megabytes" <<'PY'
import os, sys
course, megabytes = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{course}/media", exist_ok=True)
per_file = megabytes // 10
for index in range(10):
    with open(f"{course}/media/video-{index}.mp4", "wb") as f:
        for _ in range(per_file):
            f.write(os.urandom(1 << 20))
    lesson = f"{course}/001-module-1/{index + 1:03d}-lesson-1-{index + 1}.md"
    text = open(lesson).read().replace("---\n", f"---\ntype: video\nvideo: ../media/video-{index}.mp4\n", 1)
    open(lesson, "w").write(text)
PY
echo "Packaging $(du -sh "$work/course" | cut -f1) ($megabytes MiB of media), $(nproc) cores:"
lectern_line=$(python3 bench/measure.py "lectern package" "$lectern" package "$work/course" --format scorm2004 --out "$work/course.zip")
zip_line=$(cd "$work" && python3 "$OLDPWD/bench/measure.py" "zip -r" zip -r -q "$work/plain.zip" course)
echo "  $lectern_line"
echo "  $zip_line"
lectern_s=$(echo "$lectern_line" | sed -E 's/.*: ([0-9.]+) s wall.*/\1/')
zip_s=$(echo "$zip_line" | sed -E 's/.*: ([0-9.]+) s wall.*/\1/')
echo "  ratio lectern/zip: $(python3 -c "print(f'{$lectern_s / $zip_s:.2f}')") (target < 2.0; peak target < 200 MiB)"
echo "  sizes: lectern $(du -h "$work/course.zip" | cut -f1), zip $(du -h "$work/plain.zip" | cut -f1)"
