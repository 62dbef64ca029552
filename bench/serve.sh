#!/usr/bin/env bash
# Loads `lectern serve` with wrk on loopback and prints each figure next to its peer or limit, all measured
# in this run on this machine (issue 15 items 4-7):
#   static page      lectern vs nginx serving the same folder (sendfile, gzip_static), plain and gzip   target >= 0.8x
#   durable writes   PUT bookmark, each acknowledged only once committed, vs a raw SQLite loop committing one
#                    row per transaction (WAL, synchronous=FULL) on the same disk                       target >= 3x, p99 < 10 ms
#   API reads        authenticated GET my-courses vs libmicrohttpd answering a fixed JSON body with the
#                    same thread pool (bench/peers/fixed_json.c)                                          target >= 0.5x
#   anonymous GET /api/v1/courses; start with a prebuilt site until /ready (< 100 ms); 40 sign-ins at once
#   (<= 1 s); the server's peak RSS over all of it (< 40 MiB). Ratios are the median of three rounds, each
#   lectern then its peer, because two shared cores make single runs move by a tenth or more.
# Usage: bench/serve.sh [SECONDS]      needs: wrk, nginx, gcc (apt-get install -y wrk nginx-light gcc)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
for tool in wrk nginx gcc curl python3; do command -v $tool >/dev/null || { echo "bench/serve.sh needs $tool" >&2; exit 1; }; done
work="$(mktemp -d)"
chmod 755 "$work"   # nginx workers run as another user and must read the site
cleanup() {
  [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null
  [[ -n "${peer:-}" ]] && kill "$peer" 2>/dev/null
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The binary the Debian package installs (scripts/package-deb): the Swift libraries linked in, which starts
# faster and maps less than the dynamically linked build of scripts/start.
build=(swift build -c release --static-swift-stdlib --product lectern --scratch-path .build/package-deb)
"${build[@]}" >/dev/null
lectern="$("${build[@]}" --show-bin-path)/lectern"
gcc -O2 -o "$work/fixed_json" bench/peers/fixed_json.c -lmicrohttpd
gcc -O2 -o "$work/sqlite_commits" bench/peers/sqlite_commits.c -lsqlite3
"$lectern" build SampleCourses/* --out "$work/site" --server-grading --gzip 2>/dev/null
page="/python-foundations/index.html"
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
requests() { sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p'; }
p99() { sed -nE 's/^ *99% *([0-9.]+[a-z]+).*/\1/p'; }
load() { wrk -t2 -c64 -d"${seconds}s" --latency "$@"; }
# Peak RSS so far, and what the process holds now: its own memory, and pages of the binary and libraries
# (file-backed, shared with every other process mapping them).
peak() { awk '/VmHWM/ {h=$2} /RssAnon/ {a=$2} /RssFile/ {f=$2}
              END {printf "%.1f MiB (now %.1f MiB own memory + %.1f MiB of mapped code and data)", h/1024, a/1024, f/1024}' "/proc/$server/status"; }
# Rate limits stay on (their cost is measured) with budgets no run here can use up: a per-minute limit
# lets half of it through at once, and a run makes about a million API requests from one address.
serve_args=(serve SampleCourses/* --site "$work/site" --db "$work/lectern.db"
            --rate-limit 1000000000 --account-rate-limit 1000000000 --sign-in-rate-limit 1000000000)
median_round() { printf '%s\n' "$@" | sort -n | sed -n 2p; }   # of three "ratio ..." lines, the middle one by ratio
non2xx() { sed -nE 's/^ *Non-2xx or 3xx responses: *([0-9]+).*/\1/p'; }
warn_errors() { local count; count=$(echo "$1" | non2xx); [[ -z "$count" ]] || echo "  WARNING: $count non-2xx responses"; }

echo "lectern serve on $(nproc) cores, wrk -t2 -c64 -d${seconds}s; every peer measured in this run"
start_port=$(free_port)
"$lectern" "${serve_args[@]}" --port "$start_port" >/dev/null 2>&1 &   # makes the database once
server=$!
until curl -sf "http://127.0.0.1:$start_port/api/v1/ready" >/dev/null; do sleep 0.05; done
kill "$server"; wait "$server" 2>/dev/null || true
start_ms=$(python3 bench/start_time.py "$start_port" 5 "$lectern" "${serve_args[@]}" --port "$start_port")
echo "Start with a prebuilt site until /api/v1/ready: ${start_ms} ms (median of 5; target < 100 ms)"

port=$(free_port)
"$lectern" "${serve_args[@]}" --port "$port" > "$work/serve.out" 2>/dev/null &
server=$!
until curl -sf "http://127.0.0.1:$port/api/v1/ready" >/dev/null; do sleep 0.05; done
echo "Server peak RSS once ready: $(peak)"

nginx_port=$(free_port)
cat > "$work/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  gzip_static on;
  server { listen 127.0.0.1:$nginx_port; root $work/site; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.3

echo "Static page $page ($(stat -c %s "$work/site$page") bytes, .gz $(stat -c %s "$work/site$page.gz") bytes):"
# Three rounds per encoding, each lectern then nginx; the median round's ratio is the figure.
for encoding in identity gzip; do
  ratios=()
  for round in 1 2 3; do
    lectern_static=$(load -H "Accept-Encoding: $encoding" "http://127.0.0.1:$port$page" | requests)
    nginx_static=$(load -H "Accept-Encoding: $encoding" "http://127.0.0.1:$nginx_port$page" | requests)
    ratios+=("$(ratio "$lectern_static" "$nginx_static") $lectern_static $nginx_static")
  done
  read -r median_ratio lectern_static nginx_static < <(median_round "${ratios[@]}")
  echo "  $encoding: median round lectern $lectern_static req/s, nginx $nginx_static req/s, ratio $median_ratio (target >= 0.8);" \
       "rounds $(printf '%s\n' "${ratios[@]}" | cut -d' ' -f1 | paste -sd' ')"
done
echo "  (server peak RSS so far: $(peak))"

# A student enrolled in the course; each PUT bookmark writes a new href, committed before it is answered.
password="quiet orange lighthouse"
curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench@example.org\",\"username\":\"bench\",\"password\":\"$password\"}" >/dev/null
token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"login\":\"bench\",\"password\":\"$password\"}" | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
curl -s -X POST "http://127.0.0.1:$port/api/v1/enrollments" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"course":"python-foundations"}' >/dev/null
cat > "$work/write.lua" <<LUA
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("PUT", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"},
                    '{"href":"control-flow/page-' .. counter .. '.html"}')
end
LUA
# The disk's sync time drifts (other work on the machine): three rounds, each the peer then lectern, and
# the median round's ratio is the figure.
echo "Durable writes (PUT bookmark, answered once committed) vs raw SQLite one commit per row, same file system:"
ratios=()
for round in 1 2 3; do
  read -r sqlite_rate sqlite_p99 < <("$work/sqlite_commits" "$work/peer.db" "$seconds")
  writes=$(load -s "$work/write.lua" "http://127.0.0.1:$port/api/v1/progress/courses/python-foundations/bookmark")
  write_rate=$(echo "$writes" | requests)
  ratios+=("$(ratio "$write_rate" "$sqlite_rate") $(echo "$writes" | p99)")
  echo "  round $round: lectern $write_rate writes/s, p99 $(echo "$writes" | p99); raw SQLite $sqlite_rate/s, p99 $sqlite_p99 ms;" \
       "ratio $(ratio "$write_rate" "$sqlite_rate")"
  warn_errors "$writes"
done
read -r median_ratio median_p99 < <(median_round "${ratios[@]}")
echo "  median round by ratio: ratio $median_ratio (target >= 3), its p99 $median_p99 (target < 10 ms)"
echo "  (server peak RSS so far: $(peak))"

cat > "$work/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
peer_port=$(free_port)
threads=$(( $(nproc) * 4 > 8 ? $(nproc) * 4 : 8 ))   # HTTPServerOptions.threads
"$work/fixed_json" "$peer_port" "$threads" >/dev/null &
peer=$!
sleep 0.3
# Both sides share two cores with wrk, and single runs moved by a tenth: three rounds, each lectern then
# the peer, and the median round's ratio is the figure (as for the writes).
echo "Authenticated GET /api/v1/enrollments/my-courses vs libmicrohttpd answering a fixed JSON body ($threads threads):"
ratios=()
for round in 1 2 3; do
  reads=$(load -s "$work/read.lua" "http://127.0.0.1:$port/api/v1/enrollments/my-courses")
  fixed=$(load "http://127.0.0.1:$peer_port/" | requests)
  read_rate=$(echo "$reads" | requests)
  ratios+=("$(ratio "$read_rate" "$fixed") $(echo "$reads" | p99)")
  echo "  round $round: lectern $read_rate req/s, p99 $(echo "$reads" | p99); fixed body $fixed req/s; ratio $(ratio "$read_rate" "$fixed")"
  warn_errors "$reads"
done
kill "$peer"; peer=""
read -r median_ratio median_p99 < <(median_round "${ratios[@]}")
echo "  median round by ratio: ratio $median_ratio (target >= 0.5), its p99 $median_p99"
courses=$(load "http://127.0.0.1:$port/api/v1/courses")
echo "Anonymous GET /api/v1/courses: $(echo "$courses" | requests) req/s, p99 $(echo "$courses" | p99) (server peak RSS so far: $(peak))"
warn_errors "$courses"

echo "Server peak RSS under HTTP load: $(peak)"
read -r signin_seconds signin_failures < <(python3 bench/signins.py "$port" 40 "$password")
echo "40 simultaneous sign-ins (argon2id m=9 MiB t=4 on $(nproc) cores): ${signin_seconds} s wall, $signin_failures failed (target <= 1 s)"
echo "Server peak RSS: $(peak) (target < 40 MiB; each argon2id hash in flight holds 9 MiB, one per core)"
