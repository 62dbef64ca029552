#!/usr/bin/env bash
# Times loading and checking a generated 10,000-lesson course with `lectern check` (release build)
# and prints wall time and peak memory.
# Usage: bench/load-course.sh [LESSONS]
set -euo pipefail
cd "$(dirname "$0")/.."
lessons="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product lectern >/dev/null
python3 bench/generate_course.py "$work/course" "$lessons" >/dev/null
python3 bench/measure.py "lectern check ($lessons lessons)" .build/release/lectern check "$work/course"
