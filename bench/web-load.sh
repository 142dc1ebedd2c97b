#!/usr/bin/env bash
# Load benchmark of the web API on loopback, bounded in time: starts `bounceback serve` on 127.0.0.1, drives
# POST /api/explain and POST /api/parse with wrk (one fixed body each), prints requests/s and p50/p90/p99, stops the
# server. Usage: bench/web-load.sh [seconds per run, default 10] [connections, default 8]
# Needs wrk (apt-get install -y wrk). The numbers depend on the machine and on what else runs on it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-10}
connections=${2:-8}
port=${WEB_LOAD_PORT:-5181}
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "web-load: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

dotnet build src/Bounceback.Cli -c Release -nologo -v:q >/dev/null
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet src/Bounceback.Cli/bin/Release/net10.0/bounceback.dll serve --urls "$url" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -sf "$url/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "$url/healthz" >/dev/null || { echo "web-load: server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

printf 'Your message to bob@example.net could not be delivered.\nRemote server returned: 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n' >"$work/explain.txt"
cp tests/Bounceback.Web.Tests/Samples/dsn-user-unknown.eml "$work/parse.eml"

run() {
  local name=$1 path=$2 type=$3 body=$4 conns=${5:-$connections} pause=${6:-0}
  # Warm up (JIT, tiered compilation) before measuring.
  BODY_FILE=$body CONTENT_TYPE=$type wrk -t1 -c2 -d2s -s bench/web-load/post.lua "$url$path" >/dev/null
  local line
  line=$(DELAY_MS=$pause BODY_FILE=$body CONTENT_TYPE=$type timeout $((seconds + 30)) wrk -t2 -c"$conns" -d"${seconds}s" -s bench/web-load/post.lua "$url$path" | grep '^RESULT')
  echo "$name connections=$conns ${line#RESULT }"
}

echo "web-load: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $seconds s per run, $connections connections"
# Flat out: the most requests/s, and the latency under that saturation.
run explain-max /api/explain text/plain "$work/explain.txt"
run parse-max /api/parse message/rfc822 "$work/parse.eml"
# Paced at about 2,000 requests/s (22 connections, each waiting 10 ms after every answer): the latency at the target rate.
run explain-2000 /api/explain text/plain "$work/explain.txt" 22 10
run parse-2000 /api/parse message/rfc822 "$work/parse.eml" 22 10
