#!/usr/bin/env bash
# How the cost of `bounceback parse` grows with the number of messages and with their size, and the peak memory of
# a 1 GB mbox. Whole-process runs of the ReadyToRun build, each timed once with /usr/bin/time (wall, CPU, peak RSS).
#   bench/scaling.sh [counts="1000 10000 100000"] [sizes="1024 102400 1048576 10485760"]
#   BOUNCEBACK_BIN=path/to/bounceback bench/scaling.sh    # time that build instead of publishing ReadyToRun
# Counts: ../shared/bench/make-scaled.sh N (the shared corpus cycled), parsed as a directory and as one mbox.
# Sizes: a two-recipient DSN whose returned original carries a base64 attachment padding it to the size; as many
# copies as make about 100 MB (at least 10), in one mbox. 1 GB: the 10,000-message mbox repeated 24 times
# (BOUNCEBACK_BENCH_BIG=0 leaves it out).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
counts="${1:-1000 10000 100000}"
sizes="${2:-1024 102400 1048576 10485760}"
shared="$root/../shared"; [ -d "$shared/bench" ] || shared=/work/shared
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
work="${BOUNCEBACK_BENCH_DIR:-$(mktemp -d)}"; mkdir -p "$work"
[ -n "${BOUNCEBACK_BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
if [ -n "${BOUNCEBACK_BIN:-}" ]; then
  bb="$BOUNCEBACK_BIN"   # a build made before, e.g. the Native AOT tool of scripts/publish-native.sh
else
  dotnet publish "$root/src/Bounceback.Cli" -c Release -r linux-x64 --self-contained false -o "$work/bin" \
    -p:PublishReadyToRun=true -v:q -nologo >/dev/null
  bb="$work/bin/bounceback"
fi

run() { # label messages input...
  local label=$1 n=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/t.txt" "$bb" parse --jsonl --output /dev/null "$@" 2>/dev/null || true
  read -r wall user sys rss < "$work/t.txt"
  awk -v l="$label" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "| %s | %d | %.2f s | %.2f s | %.0f | %.0f MB |\n", l, n, w, u + s, n / (w > 0 ? w : 0.01), m / 1024 }'
}

echo "| run | messages | wall | CPU | messages/s | peak RSS |"
echo "|---|---|---|---|---|---|"
# make-scaled.sh makes one file at a time; above 10,000 the 10,000-message set is repeated (hard links in
# subdirectories for the directory, the mbox concatenated) so that building the input does not dominate the run.
scaled() { # n dir
  local n=$1 out=$2
  if [ "$n" -le 10000 ]; then "$shared/bench/make-scaled.sh" "$n" "$out" >/dev/null; return; fi
  [ -d "$work/base10k" ] || "$shared/bench/make-scaled.sh" 10000 "$work/base10k" >/dev/null
  mkdir -p "$out/dir"; : > "$out/all.mbox"
  for ((k = 0; k < n / 10000; k++)); do
    cp -al "$work/base10k/dir" "$out/dir/$(printf '%03d' "$k")"
    { cat "$work/base10k/all.mbox"; echo; } >> "$out/all.mbox"
  done
}

for n in $counts; do
  scaled "$n" "$work/n$n"
  run "directory, $n messages" "$n" "$work/n$n/dir"
  run "mbox, $n messages ($(du -h "$work/n$n/all.mbox" | cut -f1))" "$n" "$work/n$n/all.mbox"
  rm -rf "$work/n$n"
done

for size in $sizes; do
  copies=$(( 100 * 1024 * 1024 / size )); [ "$copies" -ge 10 ] || copies=10; [ "$copies" -le 20000 ] || copies=20000
  python3 - "$size" "$copies" "$work/size.mbox" <<'PY'
import base64, os, sys
size, copies, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
head = """From: MAILER-DAEMON@mx.sender.test (Mail Delivery System)
To: alice@sender.test
Subject: Undelivered Mail Returned to Sender
Date: Mon, 02 Mar 2026 10:15:00 +0100
Message-ID: <bounce-{i}@mx.sender.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="R"

--R
Content-Type: text/plain; charset=us-ascii

<bob@receiver.test>: host mx1.receiver.test[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)

--R
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.sender.test

Final-Recipient: rfc822; bob@receiver.test
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

Final-Recipient: rfc822; carol@receiver.test
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox quota exceeded

--R
Content-Type: message/rfc822

From: Alice <alice@sender.test>
To: bob@receiver.test
Subject: Report
Message-ID: <orig-{i}@sender.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="M"

--M
Content-Type: text/plain

See the attachment.
--M
Content-Type: application/octet-stream; name="data.bin"
Content-Transfer-Encoding: base64

"""
tail = "--M--\n\n--R--\n"
pad = max(0, size - len(head) - len(tail))
raw = os.urandom(pad * 3 // 4)
b64 = base64.encodebytes(raw).decode()
with open(path, "w") as f:
    for i in range(copies):
        f.write("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n")
        f.write(head.replace("{i}", str(i)) + b64 + tail + "\n")
PY
  run "mbox of $copies messages of $(numfmt --to=iec "$size")B" "$copies" "$work/size.mbox"
  rm -f "$work/size.mbox"
done

[ "${BOUNCEBACK_BENCH_BIG:-1}" = 1 ] || exit 0
[ -d "$work/base10k" ] || "$shared/bench/make-scaled.sh" 10000 "$work/base10k" >/dev/null
for _ in $(seq 24); do cat "$work/base10k/all.mbox"; echo; done > "$work/big.mbox"
run "1 GB mbox ($(du -h "$work/big.mbox" | cut -f1))" 240000 "$work/big.mbox"
rm -f "$work/big.mbox"
