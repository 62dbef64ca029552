#!/usr/bin/env bash
# Times loading and checking a generated 10,000-lesson course with `lectern check` (release build)
# and prints wall time and peak memory; then a cold check of 2,000 rich lessons (4-8 KB with code,
# a table, a figure and cross-module links to headings; target < 1 s).
# Usage: bench/load-course.sh [LESSONS]
set -euo pipefail
cd "$(dirname "$0")/.."
lessons="${1:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product lectern >/dev/null
python3 bench/generate_course.py "$work/course" "$lessons" >/dev/null
python3 bench/measure.py "lectern check ($lessons lessons)" .build/release/lectern check "$work/course"
python3 bench/generate_course.py "$work/rich" 2000 --rich >/dev/null
python3 bench/measure.py "lectern check (2000 rich lessons, target < 1 s)" .build/release/lectern check "$work/rich"
