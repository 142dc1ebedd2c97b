#!/usr/bin/env bash
# Measures bounce parsing against the shared sample corpus: builds the CLI, runs `parse --jsonl` over every sample
# and scores the results per family and in total. Not-bounces must give no record.
#   scripts/eval-corpus.sh            # table per family and total
#   scripts/eval-corpus.sh -v         # also every wrong recipient
# Extra arguments go to score-parse.py (e.g. --min-reason 0.98).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${BOUNCEBACK_CORPUS:-$root/../shared/corpus/sisimai}"
[ -d "$corpus" ] || corpus=/work/shared/corpus/sisimai
scorer="${BOUNCEBACK_SCORER:-$root/../shared/bench/score-parse.py}"
[ -f "$scorer" ] || scorer=/work/shared/bench/score-parse.py
[ -d "$corpus/emails" ] || { echo "eval-corpus: no corpus at $corpus" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/Bounceback.Cli" -c Release -v:q -nologo >/dev/null
cli="$root/src/Bounceback.Cli/bin/Release/net10.0/bounceback.dll"
[ -f "$cli" ] || cli="$(ls "$root"/src/Bounceback.Cli/bin/Release/net10.0/*.Cli.dll "$root"/src/Bounceback.Cli/bin/Release/net10.0/bounceback*.dll 2>/dev/null | head -1)"
dotnet "$cli" parse --jsonl "$corpus/emails" >"$out/results.jsonl" 2>"$out/errors.txt" || true
if [ -d "$corpus/not-bounces" ]; then
  n=$(dotnet "$cli" parse --jsonl "$corpus/not-bounces" 2>/dev/null | wc -l)
  echo "not-bounces: $n records (want 0)"
fi
[ -s "$out/errors.txt" ] && { echo "parse errors:"; head -20 "$out/errors.txt"; }
python3 "$scorer" "$corpus/expected.tsv" "$out/results.jsonl" "$@"
