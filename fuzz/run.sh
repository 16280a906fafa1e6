#!/bin/sh
# Build the libFuzzer targets with clang into build-fuzz and run each for SECONDS
# (default 60), seeded from the repo's own test data. Usage: fuzz/run.sh [SECONDS] [target…]
# Findings (crash-*, leak-*, timeout-*) land in build-fuzz/findings/<target>/;
# the last lines of each run's log are printed. Exit status 1 if any target found something.
# Environment: MARSAD_FUZZ_PARALLEL=1 runs the targets at the same time (else one
# after the other), MARSAD_FUZZ_SLOTS=N at most N at a time (default: all);
# MARSAD_FUZZ_NICE=N runs them under `nice -n N` (default 0);
# MARSAD_FUZZ_BUILD=DIR (default build-fuzz), MARSAD_FUZZ_JOBS=N build jobs (2).
# Each run's wall and CPU seconds go to findings/<target>.time ("wall,user,sys" seconds).
set -eu
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${MARSAD_FUZZ_BUILD:-$ROOT/build-fuzz}
TARGETS=${*:-"jsonl text coder dates_numbers html warc gzip encoding params"}
JOBS=${MARSAD_FUZZ_JOBS:-2}
PARALLEL=${MARSAD_FUZZ_PARALLEL:-0}
SLOTS=${MARSAD_FUZZ_SLOTS:-99}
NICE=${MARSAD_FUZZ_NICE:-0}

command -v clang++ >/dev/null || { echo "needs clang: apt-get install -y clang libclang-rt-14-dev" >&2; exit 2; }
cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DMARSAD_FUZZ=ON -DMARSAD_BUILD_TESTS=OFF -DMARSAD_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$B" -j "$JOBS" --target $(for t in $TARGETS; do printf 'fuzz_%s ' "$t"; done)

# Seed corpora: small files of the repo's tests and sample data.
seed() {  # seed TARGET DIR…
  out="$B/corpus/$1"; shift
  mkdir -p "$out"
  for d in "$@"; do
    [ -e "$d" ] || continue
    find "$d" -type f -size -200k 2>/dev/null | while read -r f; do cp "$f" "$out/$(basename "$f" | tr -c 'A-Za-z0-9._-' _)" 2>/dev/null || true; done
  done
}
T=$ROOT/tests; BAD=$T/bad/files; S=$ROOT/data/sample
# JSON Lines seeds: also one file per line of the sample corpus.
mkdir -p "$B/corpus/jsonl"
if [ -f "$S/seed.jsonl" ]; then split -l 1 -a 3 "$S/seed.jsonl" "$B/corpus/jsonl/seedline-"; fi
seed jsonl "$BAD"/*.jsonl "$S/seed.jsonl"
seed text "$S/seed.txt" "$T/data/seed.txt" "$BAD"/*.txt
seed coder "$S/seed.txt" "$T/data/seed.txt"
seed dates_numbers "$S/seed.txt" "$T/data/seed.txt"
seed html "$T/data/html" "$BAD"/*.html
seed warc "$BAD"/*.warc
seed gzip "$BAD"/*.gz
seed encoding "$BAD"/*.txt "$BAD"/*.html "$T/data/html"
seed params "$ROOT/fuzz/seeds/params"
for t in coder dates_numbers text; do
  # a few sentences of the seed article, one per file, keep inputs small
  if [ -f "$S/seed.txt" ]; then split -l 2 -a 3 "$S/seed.txt" "$B/corpus/$t/seedpart-"; fi
done

# run_one TARGET: one libFuzzer run; exit status 1 when it found something.
run_one() {
  t=$1
  mkdir -p "$B/findings/$t" "$B/corpus/$t"
  dict=""; [ -f "$ROOT/fuzz/dict/$t.dict" ] && dict="-dict=$ROOT/fuzz/dict/$t.dict"
  rc=0
  timer=""; [ -x /usr/bin/time ] && timer="/usr/bin/time -f %e,%U,%S -o $B/findings/$t.time"
  rm -f "$B/findings/$t.time" "$B/findings/$t.rc"
  # shellcheck disable=SC2086
  MARSAD_DATA=$ROOT/data ASAN_OPTIONS=detect_leaks=1 $timer \
    nice -n "$NICE" "$B/fuzz/fuzz_$t" "$B/corpus/$t" $dict \
      -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=25 -rss_limit_mb=2560 \
      -artifact_prefix="$B/findings/$t/" -print_final_stats=1 >"$B/findings/$t.log" 2>&1 || rc=1
  return $rc
}
report() {  # report TARGET RC
  [ "$2" -eq 0 ] || echo "!! fuzz_$1 found a problem: see $B/findings/$1.log and $B/findings/$1/"
  grep -E '^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss|cov:' "$B/findings/$1.log" | tail -3
  if [ -f "$B/findings/$1.time" ]; then echo "   wall,user,sys s: $(tail -1 "$B/findings/$1.time")"; fi
}

status=0
if [ "$PARALLEL" = 1 ]; then
  pids=""  # oldest first; at most $SLOTS running
  for t in $TARGETS; do
    if [ "$(echo $pids | wc -w)" -ge "$SLOTS" ]; then
      set -- $pids; wait "$1" || true; shift; pids="$*"
    fi
    echo "== fuzz_$t for ${SECONDS_EACH}s (in parallel, at most $SLOTS at a time, nice $NICE)"
    ( rc=0; run_one "$t" || rc=1; echo $rc > "$B/findings/$t.rc" ) & pids="$pids $!"
  done
  for p in $pids; do wait "$p" || true; done
  for t in $TARGETS; do
    rc=$(cat "$B/findings/$t.rc" 2>/dev/null || echo 1)
    [ "$rc" -eq 0 ] || status=1
    report "$t" "$rc"
  done
  exit $status
fi
for t in $TARGETS; do
  echo "== fuzz_$t for ${SECONDS_EACH}s"
  rc=0; run_one "$t" || rc=1
  [ $rc -eq 0 ] || status=1
  report "$t" $rc
done
exit $status
