#!/bin/sh
# Build the libFuzzer targets with clang into build-fuzz and run each for SECONDS
# (default 60), seeded from the repo's own test data. Usage: fuzz/run.sh [SECONDS] [target…]
# Findings (crash-*, leak-*, timeout-*) land in build-fuzz/findings/<target>/;
# the last lines of each run's log are printed. Exit status 1 if any target found something.
set -eu
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${MARSAD_FUZZ_BUILD:-$ROOT/build-fuzz}
TARGETS=${*:-"jsonl text coder dates_numbers html warc gzip encoding"}
JOBS=${MARSAD_FUZZ_JOBS:-2}

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
for t in coder dates_numbers text; do
  # a few sentences of the seed article, one per file, keep inputs small
  if [ -f "$S/seed.txt" ]; then split -l 2 -a 3 "$S/seed.txt" "$B/corpus/$t/seedpart-"; fi
done

status=0
for t in $TARGETS; do
  mkdir -p "$B/findings/$t" "$B/corpus/$t"
  dict=""; [ -f "$ROOT/fuzz/dict/$t.dict" ] && dict="-dict=$ROOT/fuzz/dict/$t.dict"
  echo "== fuzz_$t for ${SECONDS_EACH}s"
  # shellcheck disable=SC2086
  if ! MARSAD_DATA=$ROOT/data ASAN_OPTIONS=detect_leaks=1 "$B/fuzz/fuzz_$t" "$B/corpus/$t" $dict \
      -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=25 -rss_limit_mb=2560 \
      -artifact_prefix="$B/findings/$t/" -print_final_stats=1 >"$B/findings/$t.log" 2>&1; then
    status=1
    echo "!! fuzz_$t found a problem: see $B/findings/$t.log and $B/findings/$t/"
  fi
  grep -E '^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss|cov:' "$B/findings/$t.log" | tail -3
done
exit $status
