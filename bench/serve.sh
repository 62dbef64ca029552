#!/usr/bin/env bash
# Loads `lectern serve` with wrk on loopback and prints, in one run: static page requests/s of lectern
# and of nginx serving the same folder, durable progress writes/s with p99 latency at 64 connections,
# and the server's peak RSS. Targets: static >= 0.5x nginx, >= 3,000 writes/s, p99 < 20 ms, RSS < 50 MB.
# Usage: bench/serve.sh [SECONDS]      needs: wrk, nginx (apt-get install -y wrk nginx-light)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
for tool in wrk nginx; do command -v $tool >/dev/null || { echo "bench/serve.sh needs $tool" >&2; exit 1; }; done
work="$(mktemp -d)"
cleanup() { [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null; [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

swift build -c release --product lectern >/dev/null
lectern="$PWD/.build/release/lectern"
"$lectern" build SampleCourses/* --out "$work/site" --server-grading 2>/dev/null
page="/python-foundations/index.html"

# wrk sends everything from one address and one account: the rate limiters stay on (their cost is measured)
# with budgets no run here can use up.
"$lectern" serve SampleCourses/* --site "$work/site" --port 0 --db "$work/lectern.db" \
  --rate-limit 1000000 --account-rate-limit 1000000 > "$work/serve.out" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q "Serving on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" | cut -d: -f2)
# It listens before the courses are ready: wait for /ready.
for _ in $(seq 600); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/ready")" == 200 ]] && break
  sleep 0.1
done

nginx_port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
cat > "$work/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  server { listen 127.0.0.1:$nginx_port; root $work/site; }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.5

requests() { sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p'; }
p99() { sed -nE 's/^ *99% *([0-9.]+[a-z]+).*/\1/p'; }

echo "Static page $page, wrk -t2 -c64 -d${seconds}s, $(nproc) cores:"
lectern_static=$(wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:$port$page" | requests)
nginx_static=$(wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:$nginx_port$page" | requests)
echo "  lectern $lectern_static req/s, nginx $nginx_static req/s, ratio $(python3 -c "print(f'{$lectern_static / $nginx_static:.2f}')") (target >= 0.5)"

# A student enrolled in the course, then PUT bookmark: an upsert committed to SQLite on every request.
curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org","username":"bench","password":"quiet orange lighthouse"}' >/dev/null
token=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"login":"bench","password":"quiet orange lighthouse"}' | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
curl -s -X POST "http://127.0.0.1:$port/api/v1/enrollments" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"course":"python-foundations"}' >/dev/null
cat > "$work/write.lua" <<LUA
wrk.method = "PUT"
wrk.body = '{"href":"control-flow/for-loops.html"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
writes=$(wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/write.lua" "http://127.0.0.1:$port/api/v1/progress/courses/python-foundations/bookmark")
echo "Progress writes (PUT bookmark, committed), wrk -t2 -c64 -d${seconds}s:"
echo "  $(echo "$writes" | requests) writes/s (target >= 3000), p99 $(echo "$writes" | p99) (target < 20 ms)"
non2xx=$(echo "$writes" | sed -nE 's/^ *Non-2xx or 3xx responses: *([0-9]+).*/\1/p')
[[ -n "$non2xx" ]] && echo "  WARNING: $non2xx non-2xx responses"
echo "Server peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2 / 1024}' /proc/$server/status) (target < 50 MB)"
