#!/bin/sh
# Ingest throughput into SQLite on a real Arabic corpus (issue 4: target >= 2,000 articles/s on one core).
#
#   bench/ingest_bench.sh CORPUS.jsonl[.gz] [MARSAD_BINARY] [THREADS]
#   e.g. bench/ingest_bench.sh /work/shared/data/corpus/saudinewsnet-2015.jsonl.gz build/marsad
#
# Runs `marsad ingest` twice into a fresh database in a temporary folder:
#   1. the full ingest (read, key, code, dedup, write in WAL batches);
#   2. a re-run of the same command (every document already stored: the idempotent path).
# Prints articles/s for both, and the database size. The corpus is never needed by the tests.
set -eu
corpus=${1:?usage: $0 CORPUS.jsonl[.gz] [MARSAD_BINARY] [THREADS]}
here=$(cd "$(dirname "$0")/.." && pwd)
marsad=${2:-$here/build/marsad}
threads=${3:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/bench.db

case $corpus in
  *.gz) docs=$(gzip -dc "$corpus" | grep -c .) ;;
  *) docs=$(grep -c . "$corpus") ;;
esac

run() {
  start=$(date +%s.%N)
  MARSAD_DATA=${MARSAD_DATA:-$here/data} "$marsad" ingest "$corpus" --db "$db" --threads "$threads" --quiet
  end=$(date +%s.%N)
  echo "$start $end"
}

set -- $(run)
first=$(echo "$2 - $1" | bc -l)
set -- $(run)
second=$(echo "$2 - $1" | bc -l)
stored=$("$marsad" stats --db "$db" | head -1)
printf 'corpus: %s (%d articles), threads: %s\n' "$corpus" "$docs" "$threads"
printf 'ingest:  %.1f s  %.0f articles/s\n' "$first" "$(echo "$docs / $first" | bc -l)"
printf 're-run:  %.1f s  %.0f articles/s (all already stored)\n' "$second" "$(echo "$docs / $second" | bc -l)"
printf 'database: %s, %s\n' "$(du -h "$db" | cut -f1)" "$stored"
