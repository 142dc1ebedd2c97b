#!/usr/bin/env bash
# Runs the same commands with two builds of bounceback and fails on the first difference in output or exit code.
#   scripts/compare-builds.sh "COMMAND-A" "COMMAND-B"
# e.g. scripts/compare-builds.sh "dotnet /tmp/any/tools/net10.0/any/bounceback.dll" /tmp/tool/bounceback
# scripts/pack-tool.sh uses it to check that the Native AOT package says exactly what the portable IL package says:
# explain, codes, parse of every fixture (and of ../shared/corpus when present) in each output format, check against
# an unreachable DNS server (built-in and own blocklists), and the pages and API answers of serve.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
a=${1:?usage: compare-builds.sh COMMAND-A COMMAND-B}
b=${2:?usage: compare-builds.sh COMMAND-A COMMAND-B}
work=$(mktemp -d /tmp/bounceback-compare.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
checked=0

# same ARGS...: stdout, stderr and exit code of both builds must be equal.
same() {
  local ca=0 cb=0
  $a "$@" >"$work/a.out" 2>"$work/a.err" </dev/null || ca=$?
  $b "$@" >"$work/b.out" 2>"$work/b.err" </dev/null || cb=$?
  if [ "$ca" != "$cb" ] || ! cmp -s "$work/a.out" "$work/b.out" || ! cmp -s "$work/a.err" "$work/b.err"; then
    echo "compare-builds: the builds differ for: bounceback $* (exit $ca vs $cb)" >&2
    diff "$work/a.out" "$work/b.out" | head -20 >&2 || true
    diff "$work/a.err" "$work/b.err" | head -20 >&2 || true
    exit 1
  fi
  checked=$((checked + 1))
}

fixtures="$root/tests/fixtures"
same --version
same --help
same explain 5.1.1
same explain --json --lang nl "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org"
same explain --lang nl "Socket Error: 10060, Error Number: 0x800CCC0E"
same explain "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"
same explain "no code in this text"
same codes 0x800CCC0E
same codes --lang nl spam
for format in --jsonl --json --csv --summary --summary-json; do
  same parse "$format" "$fixtures"
done
same parse --jsonl --lang nl --failures-only "$fixtures"
same parse --jsonl --parallel 1 "$fixtures"
corpus="$root/../shared/corpus/sisimai/emails"
[ -d "$corpus" ] && same parse --jsonl "$corpus"
same parse /no/such/file.eml
same check --dns-server 127.0.0.1:9 --timeout 1 127.0.0.2
cat > "$work/lists.yaml" <<'YAML'
blocklists:
  - zone: bl.example.org
    name: Example List
    codes:
      - code: 127.0.0.2
        meaning: { en: Listed., nl: Staat op de lijst. }
YAML
same check --dns-server 127.0.0.1:9 --timeout 1 --blocklists "$work/lists.yaml" 127.0.0.2
echo "blocklists: [" > "$work/broken.yaml"
same check --blocklists "$work/broken.yaml" 127.0.0.2

# serve: both builds on free loopback ports, the same requests to each.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pa=$(port); pb=$(port)
$a serve --urls "http://127.0.0.1:$pa" >"$work/serve-a.log" 2>&1 & pids+=($!)
$b serve --urls "http://127.0.0.1:$pb" >"$work/serve-b.log" 2>&1 & pids+=($!)
for p in "$pa" "$pb"; do
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
done
dsn=$(ls "$fixtures"/rfc3464/*.eml | head -1)
for request in "/" "/codes?q=spam" "/codes/5.7.1" "/openapi/v1.json" "/api/codes?q=0x800CCC0E" "/api/codes/5.1.1" \
  "/api/codes/microsoft/S3140" "/api/codes/9.9.9" "/no/such/page" "/healthz" "POST /api/parse" "POST /api/explain"; do
  method=GET; path=$request
  case "$request" in "POST "*) method=POST; path=${request#POST }; esac
  for side in a b; do
    p=$pa; [ "$side" = b ] && p=$pb
    if [ "$method" = POST ] && [ "$path" = /api/parse ]; then
      curl -s -o "$work/$side.body" -w '%{http_code} %{content_type}\n' -X POST --data-binary "@$dsn" \
        -H 'Content-Type: message/rfc822' "http://127.0.0.1:$p$path" >"$work/$side.head"
    elif [ "$method" = POST ]; then
      curl -s -o "$work/$side.body" -w '%{http_code} %{content_type}\n' -X POST -H 'Content-Type: application/json' \
        --data '{"text":"550 5.7.26 unauthenticated"}' "http://127.0.0.1:$p$path?lang=nl" >"$work/$side.head"
    else
      curl -s -o "$work/$side.body" -w '%{http_code} %{content_type}\n' "http://127.0.0.1:$p$path" >"$work/$side.head"
    fi
    # A problem answer carries a per-request trace id, and the OpenAPI document names the server's own address: the
    # two things allowed to differ.
    sed -i -E -e 's/"traceId":"[^"]*"/"traceId":""/' -e "s#127\.0\.0\.1:$p#127.0.0.1:PORT#g" "$work/$side.body"
  done
  if ! cmp -s "$work/a.head" "$work/b.head" || ! cmp -s "$work/a.body" "$work/b.body"; then
    echo "compare-builds: serve answers differ for $request: $(cat "$work/a.head") vs $(cat "$work/b.head")" >&2
    exit 1
  fi
  grep -q '^200\|^400\|^404' "$work/a.head" || { echo "compare-builds: serve answered $(cat "$work/a.head") for $request" >&2; exit 1; }
  checked=$((checked + 1))
done
echo "compare-builds: $checked commands and requests gave the same answers"
