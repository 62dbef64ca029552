#!/usr/bin/env bash
# Times `lectern check` + `build` on the hostile inputs of issue 13 (nested emphasis, 50,000 links on a line,
# a 5,000-column table, YAML nested 10,000 deep, deep quotes and lists) at n and 4n, and fails when time(4n)
# is over 6 × time(n) (past a 0.5 s noise floor) or over 20 s. Generators live in scripts/fuzz-course.
# Usage: bench/hostile-inputs.sh [LECTERN_BINARY]      (default: a release build made here)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ $# -gt 0 ]]; then
  lectern="$1"
else
  (cd "$root" && swift build -c release --product lectern >&2)
  lectern="$root/.build/release/lectern"
fi
exec "$root/scripts/fuzz-course" --bench --lectern "$lectern"
