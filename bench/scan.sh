#!/usr/bin/env bash
# Whole-process benchmark of bulk parsing: builds a corpus of N messages from ../shared/corpus with
# ../shared/bench/make-scaled.sh (a directory and an mbox), then times with hyperfine
#   - bounceback parse --jsonl DIR   > /dev/null
#   - bounceback parse --jsonl MBOX  > /dev/null
#   - the same with --mime-only (MimeKit reading only: the practical ceiling)
#   - bounceback explain 5.1.1       (start-up)
# and measures peak memory of the mbox run with /usr/bin/time -v.
#   bench/scan.sh [N=12000]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-12000}"
shared="$root/../shared"; [ -d "$shared/bench" ] || shared=/work/shared
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$shared/bench/make-scaled.sh" "$n" "$work" >/dev/null
dotnet publish "$root/src/Bounceback.Cli" -c Release -o "$work/bin" -p:PublishReadyToRun=true -v:q -nologo >/dev/null
bb="$work/bin/bounceback"
hyperfine --warmup 1 --runs 5 --export-markdown "$work/scan.md" \
  -n "parse dir ($n)" "$bb parse --jsonl $work/dir > /dev/null" \
  -n "parse mbox ($n)" "$bb parse --jsonl $work/all.mbox > /dev/null" \
  -n "mime-only dir ($n)" "$bb parse --mime-only --jsonl $work/dir > /dev/null" \
  -n "mime-only mbox ($n)" "$bb parse --mime-only --jsonl $work/all.mbox > /dev/null"
hyperfine --warmup 3 --runs 20 -N -n "start-up: explain 5.1.1" "$bb explain 5.1.1" --export-markdown "$work/startup.md"
cat "$work/scan.md" "$work/startup.md"
/usr/bin/time -v "$bb" parse --jsonl "$work/all.mbox" 2>"$work/time.txt" >/dev/null
echo "peak memory, mbox of $n messages ($(du -h "$work/all.mbox" | cut -f1)): $(grep 'Maximum resident' "$work/time.txt" | awk '{print $6}') KB"
