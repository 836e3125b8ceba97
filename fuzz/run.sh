#!/usr/bin/env bash
# A bounded AFL++ campaign on the netlist loader and on `photonickit run` (docs/robustness.md).
#
#   fuzz/run.sh [SECONDS] [TARGETS]     e.g. fuzz/run.sh 3600 "load run"   (default: 60 s per target, both)
#
# Installs what it needs: afl++ from Debian (when root) and the SharpFuzz instrumenter as a local .NET tool.
# Publishes fuzz/PhotonicKit.Fuzz, instruments the PhotonicKit assemblies, builds the seed corpus from
# fuzz/seeds, fuzz/regressions, examples/netlists, devices, the bundled example, the SAX and gdsfactory netlists of
# tests/PhotonicKit.Tests/Interop/data and the YAML blocks of the docs,
# then runs afl-fuzz on each target for SECONDS. Findings go to $FUZZ_OUT (default out/fuzz). Exit 1 when a
# target crashed (each crash is replayed and listed: turn it into a file of fuzz/regressions); exit 0 with a
# notice when the fuzzer cannot be installed here (the property and mutation tests still run in the test suite).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-60}
targets=${2:-"load run"}
out=${FUZZ_OUT:-$root/out/fuzz}
tools=$root/out/fuzz-tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

skip() { echo "fuzz: $1; skipping the fuzzing campaign (the property and mutation tests still run)" >&2; exit 0; }

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null) \
      || echo "fuzz: could not install afl++" >&2
  fi
fi
command -v afl-fuzz >/dev/null || skip "afl-fuzz is not installed (apt-get install afl++)"

if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null \
    || skip "the SharpFuzz instrumenter could not be installed (dotnet tool install SharpFuzz.CommandLine)"
fi

rm -rf "$out"
mkdir -p "$out/seeds"
# Two copies of the harness: instrumented for afl-fuzz, plain for the dictionary and for replaying crashes
# (instrumented code needs the fuzzer's shared memory).
dotnet publish fuzz/PhotonicKit.Fuzz -c Release -o "$out/plain" -nologo -v quiet >/dev/null
cp -r "$out/plain" "$out/bin"
for dll in PhotonicKit.Components.dll PhotonicKit.Circuit.dll photonickit.dll; do
  "$tools/sharpfuzz" "$out/bin/$dll" >/dev/null
done
harness=("dotnet" "$out/bin/PhotonicKit.Fuzz.dll")
plain=("dotnet" "$out/plain/PhotonicKit.Fuzz.dll")

# Seeds: small, valid or nearly valid netlists of every kind the tool reads.
n=0
add_seed() { if [ "$(wc -c <"$1")" -le 16384 ]; then cp "$1" "$out/seeds/$(printf %03d $n)-$(basename "$1")"; n=$((n + 1)); fi; }
for f in fuzz/seeds/* fuzz/regressions/*.yaml examples/netlists/*.yaml devices/*.yaml src/Tool/default-example.yaml tests/PhotonicKit.Tests/Interop/data/*.yml; do
  [ -f "$f" ] && add_seed "$f"
done
# Every ```yaml block of the docs that is a netlist (starts with photonickit:).
for doc in README.md docs/*.md; do
  awk -v dir="$out/seeds" -v stem="$(basename "$doc" .md)" '
    /^```yaml/ { inside = 1; text = ""; next }
    /^```/ && inside { inside = 0; if (text ~ /^photonickit:/) { k++; f = dir "/doc-" stem "-" k ".yaml"; printf "%s", text > f; close(f) } next }
    inside { text = text $0 "\n" }' "$doc"
done
"${plain[@]}" dictionary >"$out/netlist.dict"
echo "fuzz: $(ls "$out/seeds" | wc -l) seeds, $(wc -l <"$out/netlist.dict") dictionary words, ${seconds} s per target: $targets"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export PHOTONICKIT_DEBUG=1
status=0
for target in $targets; do
  # -t: a run of a few milliseconds is typical; 5 s marks a hang (reported, not fatal: CI machines are slow).
  timeout $((seconds + 120)) afl-fuzz -i "$out/seeds" -o "$out/$target" -x "$out/netlist.dict" -t 5000 -m none -V "$seconds" \
    -- "${harness[@]}" "$target" >"$out/$target.log" 2>&1 || true
  stats="$out/$target/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    tail -n 20 "$out/$target.log" >&2
    if grep -q "results in a crash" "$out/$target.log"; then
      echo "fuzz: $target: a seed crashes the harness (log: $out/$target.log)" >&2
      "${plain[@]}" replay "$target" "$out/seeds" || true
      status=1
    else
      echo "fuzz: $target: afl-fuzz could not start here (log: $out/$target.log); the property and mutation tests still run" >&2
    fi
    continue
  fi
  value() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(find "$out/$target/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$out/$target/default/hangs" -name 'id:*' 2>/dev/null | wc -l)
  echo "fuzz: $target: $(value execs_done) executions in $(value run_time) s ($(value execs_per_sec)/s), $(value corpus_count) inputs in the corpus, edges found $(value edges_found), $crashes crashes, $hangs hangs"
  if [ "$crashes" -gt 0 ]; then
    status=1
    "${plain[@]}" replay "$target" "$out/$target/default/crashes" || true
  fi
done
exit "$status"
