#!/usr/bin/env bash
# Times the analytics reports on a seeded class of LEARNERS students (default 5,000) in the Python sample:
# course analytics as JSON and CSV, system analytics, the gradebook (JSON, CSV), grades and certificate
# search, and the server's peak RSS. No outside peer computes these numbers from this data; the gradebook
# reads the same records as the course analytics, which are its peer in the same run. Target: each report well under a second for a school.
# Usage: bench/analytics.sh [LEARNERS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lectern >/dev/null
python3 bench/analytics.py "$PWD/.build/release/lectern" "${1:-5000}"
