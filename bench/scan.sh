#!/usr/bin/env bash
# Whole-process benchmark of bulk parsing: builds a corpus of N messages from ../shared/corpus with
# ../shared/bench/make-scaled.sh (a directory and an mbox), then times with hyperfine
#   - bounceback parse --jsonl DIR   > /dev/null
#   - bounceback parse --jsonl MBOX  > /dev/null
#   - the same with --mime-only (our reading path with MimeKit's parse and nothing after it)
#   - bench/MimeKitBare: MimeKit alone, as a program using it directly would (MimeMessage.Load per file on all
#     cores, and on one thread; one MimeParser over the mbox), built the same way as bounceback: the ceiling the
#     issue names
#   - bounceback explain 5.1.1       (start-up)
# and measures peak memory of the mbox run with /usr/bin/time -v.
#   bench/scan.sh [N=12000]     (each of two builds: ReadyToRun, and the Native AOT tool on linux-x64)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-12000}"
shared="$root/../shared"; [ -d "$shared/bench" ] || shared=/work/shared
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$shared/bench/make-scaled.sh" "$n" "$work" >/dev/null
# Two builds: the JIT-based ReadyToRun publish (what every platform but linux-x64 runs, as IL) and, on linux-x64 with a
# C toolchain, the Native AOT executable the linux-x64 tool package ships (scripts/publish-native.sh, 4-6 minutes;
# BOUNCEBACK_SKIP_NATIVE=1 leaves it out).
dotnet publish "$root/src/Bounceback.Cli" -c Release -r "$(dotnet --info | awk '/RID:/ {print $2; exit}')" --self-contained false \
  -o "$work/bin" -p:PublishReadyToRun=true -v:q -nologo >/dev/null
dotnet publish "$root/bench/MimeKitBare" -c Release -r "$(dotnet --info | awk '/RID:/ {print $2; exit}')" --self-contained false \
  -o "$work/bare" -p:PublishReadyToRun=true -v:q -nologo >/dev/null
builds=("r2r=$work/bin/bounceback")
bares=("r2r=$work/bare/mimekit-bare")
if [ "${BOUNCEBACK_SKIP_NATIVE:-}" != 1 ] && [ "$(dotnet --info | awk '/RID:/ {print $2; exit}')" = linux-x64 ] \
  && { command -v gcc >/dev/null || command -v clang >/dev/null; }; then
  "$root/scripts/publish-native.sh" "$work/native" >/dev/null
  builds+=("native=$work/native/bounceback")
  dotnet publish "$root/bench/MimeKitBare" -c Release -r linux-x64 -p:PublishAot=true \
    --artifacts-path "$root/artifacts/native-bare" -o "$work/bare-native" -v:q -nologo >/dev/null
  bares+=("native=$work/bare-native/mimekit-bare")
fi
runs=()
for build in "${builds[@]}"; do
  name=${build%%=*}; bb=${build#*=}
  runs+=(-n "$name parse dir ($n)" "$bb parse --jsonl $work/dir > /dev/null"
    -n "$name parse mbox ($n)" "$bb parse --jsonl $work/all.mbox > /dev/null"
    -n "$name mime-only dir ($n)" "$bb parse --mime-only --jsonl $work/dir > /dev/null"
    -n "$name mime-only mbox ($n)" "$bb parse --mime-only --jsonl $work/all.mbox > /dev/null")
done
for bare in "${bares[@]}"; do
  runs+=(-n "${bare%%=*} MimeKit alone dir ($n)" "${bare#*=} $work/dir > /dev/null"
    -n "${bare%%=*} MimeKit alone dir, one thread ($n)" "${bare#*=} $work/dir 1 > /dev/null"
    -n "${bare%%=*} MimeKit alone mbox ($n)" "${bare#*=} $work/all.mbox > /dev/null")
done
hyperfine --warmup 1 --runs 5 --export-markdown "$work/scan.md" "${runs[@]}"
starts=()
for build in "${builds[@]}"; do starts+=(-n "${build%%=*} start-up: explain 5.1.1" "${build#*=} explain 5.1.1"); done
hyperfine --warmup 3 --runs 20 -N --export-markdown "$work/startup.md" "${starts[@]}"
cat "$work/scan.md" "$work/startup.md"
for build in "${builds[@]}"; do
  /usr/bin/time -v "${build#*=}" parse --jsonl "$work/all.mbox" 2>"$work/time.txt" >/dev/null
  echo "${build%%=*}: peak memory, mbox of $n messages ($(du -h "$work/all.mbox" | cut -f1)): $(grep 'Maximum resident' "$work/time.txt" | awk '{print $6}') KB"
done
