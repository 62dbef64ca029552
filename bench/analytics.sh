#!/usr/bin/env bash
# Times the analytics reports on a seeded class of LEARNERS students (default 5,000) in the Python sample:
# course analytics as JSON and CSV, system analytics, and the server's peak RSS. No peer: nothing else
# computes these numbers from this data. Target: each report well under a second for a school.
# Usage: bench/analytics.sh [LEARNERS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lectern >/dev/null
python3 bench/analytics.py "$PWD/.build/release/lectern" "${1:-5000}"
