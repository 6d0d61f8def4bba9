#!/usr/bin/env bash
# Runs one fuzz target of the Fuzzing harness under afl-fuzz (Debian's afl++) for a bounded time (Docs/fuzzing.md).
#   scripts/fuzz.sh <target> <minutes>        targets: receive pcap partition taxii pki (Fuzzing list)
# Installs afl++ if missing, builds Fuzzing, copies it to $FUZZ_OUT/<target>/bin and instruments there (SharpFuzz,
# a local dotnet tool) the product assemblies the target exercises, seeds afl from Fuzzing/Corpora/<target>, runs
# `afl-fuzz -V <seconds>` under nice, then minimises the queue with afl-cmin into $FUZZ_OUT/<target>/min and prints
# the figures of fuzzer_stats. Crashes and hangs stay in $FUZZ_OUT/<target>/afl/default/{crashes,hangs}.
#   FUZZ_OUT          where everything goes (default: the folder beside the repository, fuzz-out; never the repository)
#   FUZZ_TIMEOUT_MS   afl's per-input time limit (default 5000; an input over it is a hang)
#   FUZZ_NO_BUILD=1   use the build already in $FUZZ_OUT/build (from an earlier run) instead of building again
#   FUZZ_UPDATE_CORPUS=1  replace Fuzzing/Corpora/<target> with the minimised queue (ids renamed to id-NNNNNN)
set -euo pipefail

# The whole script is one function, read completely before it runs: editing this file during a run cannot change
# what the running copy does next.
main() {

  if [ $# -ne 2 ]; then
    echo "usage: scripts/fuzz.sh <target> <minutes>" >&2
    exit 2
  fi
  target=$1
  minutes=$2
  case "$minutes" in ''|*[!0-9]*) echo "fuzz.sh: minutes must be a whole number" >&2; exit 2 ;; esac

  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  out=${FUZZ_OUT:-$(dirname "$root")/fuzz-out}
  timeout_ms=${FUZZ_TIMEOUT_MS:-5000}

  # The product assemblies each target exercises (instrumented; the harness itself is not).
  case "$target" in
    receive) assemblies="V2x.dll Firmware.dll" ;;
    pcap) assemblies="V2x.dll" ;;
    partition) assemblies="Firmware.dll V2x.dll" ;;
    taxii) assemblies="Community.dll Cti.dll" ;;
    pki) assemblies="Pki.dll PkiProtocol.dll V2x.dll" ;;
    *) echo "fuzz.sh: unknown target $target (receive pcap partition taxii pki)" >&2; exit 2 ;;
  esac

  as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
  }
  if ! command -v afl-fuzz >/dev/null 2>&1; then
    echo "fuzz: installing afl++"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q afl++ >/dev/null
  fi

  cd "$root"
  if [ -f .state/env ]; then
    # shellcheck disable=SC1091
    source .state/env
  fi
  dotnet tool restore >/dev/null

  work="$out/$target"
  bin="$work/bin"
  mkdir -p "$work"
  rm -rf "$bin" "$work/min"
  if [ "${FUZZ_NO_BUILD:-0}" != 1 ] || [ ! -f "$out/build/Fuzzing.dll" ]; then
    if ! dotnet build Fuzzing -c Release --nologo -v quiet -o "$out/build" > "$work/build.log" 2>&1; then
      echo "fuzz: the build failed, see $work/build.log" >&2
      tail -n 20 "$work/build.log" >&2
      exit 1
    fi
  fi
  cp -r "$out/build" "$bin"
  for dll in $assemblies; do
    dotnet tool run sharpfuzz "$bin/$dll" >> "$work/build.log"
  done

  corpus="$root/Fuzzing/Corpora/$target"
  if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
    echo "fuzz: no seed corpus in $corpus (dotnet $bin/Fuzzing.dll seed $target $corpus)" >&2
    exit 1
  fi

  export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
  rm -rf "$work/afl"
  echo "fuzz: $target for $minutes min, output in $work/afl"
  nice -n 10 afl-fuzz -i "$corpus" -o "$work/afl" -t "$timeout_ms" -m none -V $((minutes * 60)) \
    -- dotnet "$bin/Fuzzing.dll" fuzz "$target" > "$work/afl.log" 2>&1 || {
    echo "fuzz: afl-fuzz failed, see $work/afl.log" >&2
    tail -n 30 "$work/afl.log" >&2
    exit 1
  }

  nice -n 10 afl-cmin -i "$work/afl/default/queue" -o "$work/min" -t "$timeout_ms" -m none \
    -- "$(command -v dotnet)" "$bin/Fuzzing.dll" fuzz "$target" > "$work/cmin.log" 2>&1 || {
    echo "fuzz: afl-cmin failed, see $work/cmin.log" >&2
    exit 1
  }

  stats="$work/afl/default/fuzzer_stats"
  echo "fuzz: $target figures ($stats)"
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|stability|bitmap_cvg) ' "$stats"
  echo "minimised corpus: $(ls "$work/min" | wc -l) file(s) in $work/min"
  echo "crashes: $(ls "$work/afl/default/crashes" | grep -vc README || true), hangs: $(ls "$work/afl/default/hangs" | wc -l)"

  if [ "${FUZZ_UPDATE_CORPUS:-0}" = 1 ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus"
    n=0
    for f in "$work/min"/*; do
      cp "$f" "$corpus/$(printf 'id-%06d' "$n")"
      n=$((n + 1))
    done
    echo "fuzz: $corpus now holds the $n minimised inputs"
  fi
}

main "$@"
exit
