#!/usr/bin/env bash
# Several `lectern serve` instances on one PostgreSQL database behind nginx, on loopback: simulated learners
# (bench/learners.py: sign in, enroll, complete lessons, submit quizzes) for a bounded time against 1 and then
# 3 instances in the same run; prints throughput, p99 and errors for each, then checks in the database that
# every write the instances acknowledged is there (bench/check_acks.py).
# Usage: bench/scale.sh [LEARNERS] [SECONDS]     (defaults 1000 and 60)
# Needs: nginx (apt-get install -y nginx-light), PostgreSQL 15 (apt-get install -y postgresql), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
learners="${1:-1000}"
seconds="${2:-60}"
command -v nginx >/dev/null || { echo "bench/scale.sh needs nginx: apt-get install -y nginx-light" >&2; exit 1; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pgbin/initdb" ]] || { echo "bench/scale.sh needs PostgreSQL: apt-get install -y postgresql" >&2; exit 1; }

work="$(mktemp -d)"
servers=()
# initdb and postgres refuse to run as root: the cluster belongs to an unprivileged user.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  as_pg=(runuser -u postgres --)
  chmod 0755 "$work"
fi
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  [[ -d "$work/pg" ]] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

swift build -c release --product lectern >/dev/null
lectern="$PWD/.build/release/lectern"
"$lectern" build SampleCourses/* --out "$work/site" --server-grading >/dev/null 2>&1

pg_port=$(free_port)
mkdir "$work/pg" "$work/pgsock"
[[ ${#as_pg[@]} -gt 0 ]] && chown postgres "$work/pg" "$work/pgsock"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U lectern --auth=trust >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
  -o "-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
"$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U lectern lectern
db="postgres://lectern@127.0.0.1:$pg_port/lectern"

# Limits meant for one classroom are off: every simulated learner comes from 127.0.0.1, through nginx.
start_instance() {
  local port; port=$(free_port)
  "$lectern" serve SampleCourses/* --site "$work/site" --port "$port" --db "$db" \
    --rate-limit 0 --account-rate-limit 0 --sign-in-rate-limit 0 --max-connections-per-address 0 \
    > "$work/serve-$port.out" 2>&1 &
  servers+=($!)
  for _ in $(seq 300); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/ready")" == 200 ]] && break
    sleep 0.1
  done
  ports+=("$port")
}

nginx_port=$(free_port)
route_to() {
  local upstream=""
  for port in "$@"; do upstream+="server 127.0.0.1:$port; "; done
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  upstream lectern { least_conn; $upstream keepalive 128; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://lectern; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  if [[ -f "$work/nginx.pid" ]]; then nginx -e "$work/nginx-error.log" -c "$work/nginx.conf" -s reload; sleep 1; else nginx -e "$work/nginx-error.log" -c "$work/nginx.conf"; sleep 0.5; fi
}

ports=()
start_instance
route_to "${ports[@]}"
# Each run has learners of its own, so the second does not meet the first's enrollments and used-up attempts.
echo "Registering 2 x $learners learners (argon2id, not timed)..."
for prefix in one three; do
  python3 bench/learners.py "http://127.0.0.1:$nginx_port" python-foundations "$learners" 1 "$work/none" --prefix "$prefix" --register >/dev/null
done

run() {
  local label="$1" prefix="$2" acks="$work/acks-$2"
  local result; result=$(python3 bench/learners.py "http://127.0.0.1:$nginx_port" python-foundations "$learners" "$seconds" "$acks" --prefix "$prefix")
  python3 - "$label" "$result" <<'PY'
import json, sys
r = json.loads(sys.argv[2])
kinds = ", ".join(f"{k}: {n}" for k, n in r["error_kinds"].items()) or "none"
print(f"  {sys.argv[1]:<12} {r['per_second']:>8.0f} req/s   p99 {r['p99_ms']:>7.1f} ms   errors {r['errors']} ({kinds})   acknowledged writes {r['acknowledged_writes']}")
PY
  python3 bench/check_acks.py "$acks" --postgres "$db" | sed 's/^/    /'
}

echo "$learners learners for ${seconds}s each (sign in, enroll, complete lessons, submit quizzes), $(nproc) cores:"
run "1 instance" one
start_instance
start_instance
route_to "${ports[@]}"
run "3 instances" three
