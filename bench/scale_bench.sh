#!/usr/bin/env bash
# Scale-out benchmark (issue 7; docs/scale.md): articles/s through the Redis
# work queue into PostgreSQL with 1, 2 and 4 workers, next to one process
# ingesting into SQLite (and into PostgreSQL). Starts its own redis-server and
# PostgreSQL cluster on 127.0.0.1 in a temporary directory (tests/integration/servers.sh).
#
#   bench/scale_bench.sh build/marsad [ARTICLES=3000] [CORPUS]
#   env: MARSAD_CORPUS, SCALE_BENCH_WORKERS="1 2 4"
# The figures depend on the machine: note its cores (nproc) with them.
set -euo pipefail
BIN=${1:?usage: scale_bench.sh MARSAD_BINARY [ARTICLES] [CORPUS]}
N=${2:-3000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${3:-${MARSAD_CORPUS:-$SRC/../shared/data/corpus/saudinewsnet-2015.jsonl.gz}}
SERVERS=$SRC/tests/integration/servers.sh
[[ -f "$CORPUS" ]] || { echo "scale_bench: no corpus at $CORPUS (third argument or MARSAD_CORPUS)" >&2; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/marsad_scale_bench.XXXXXX")
cleanup() {
  "$SERVERS" redis-stop "$W/redis" || true
  "$SERVERS" postgres-stop "$W/pg" || true
  rm -rf "$W"
}
trap cleanup EXIT

set +o pipefail
zcat -f "$CORPUS" | head -n "$N" > "$W/articles.jsonl"
set -o pipefail
PG=$("$SERVERS" postgres-start "$W/pg")
REDIS=$("$SERVERS" redis-start "$W/redis")
PORT=$(cat "$W/pg/port")
newdb() { /usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p "$PORT" -U marsad "$1"; echo "postgresql://marsad@127.0.0.1:$PORT/$1"; }
now() { date +%s.%N; }
rate() { awk -v n="$N" -v a="$1" -v b="$2" 'BEGIN { printf "%8.1f articles/s  (%.1f s)", n / (b - a), b - a }'; }

echo "scale_bench: $N articles (rates count every article read, also the few stored once as duplicates) from $(basename "$CORPUS"), $(nproc) cores, $(date -u +%Y-%m-%d)"
t0=$(now)
"$BIN" ingest "$W/articles.jsonl" --db "$W/one.db" --quiet
t1=$(now)
printf '  %-44s %s\n' "marsad ingest, 1 process, SQLite" "$(rate "$t0" "$t1")"
# Articles whose folded texts are equal are stored once (document_key): the expected count.
distinct=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM documents").fetchone()[0])' "$W/one.db")
db=$(newdb ingest_pg)
t0=$(now)
"$BIN" ingest "$W/articles.jsonl" --db "$db" --quiet
t1=$(now)
printf '  %-44s %s\n' "marsad ingest, 1 process, PostgreSQL" "$(rate "$t0" "$t1")"

for workers in ${SCALE_BENCH_WORKERS:-1 2 4}; do
  db=$(newdb "queue_$workers")
  q="bench$workers"
  "$BIN" enqueue "$W/articles.jsonl" --redis "$REDIS" --queue "$q" --quiet
  # Create the schema before the clock starts, as a long-running deployment would have it.
  "$BIN" stats --db "$db" > /dev/null 2>&1 || true
  "$BIN" ingest /dev/null --db "$db" --quiet > /dev/null 2>&1 || true
  pids=()
  t0=$(now)
  for ((i = 1; i <= workers; i++)); do
    "$BIN" worker --redis "$REDIS" --db "$db" --queue "$q" --drain --quiet --consumer "b$i" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(now)
  stored=$(/usr/lib/postgresql/15/bin/psql -X -A -t -h 127.0.0.1 -p "$PORT" -U marsad -d "queue_$workers" -c "SELECT count(*) FROM documents")
  [[ "$stored" -eq "$distinct" ]] || echo "scale_bench: warning: $stored documents stored, $distinct expected" >&2
  printf '  %-44s %s\n' "marsad worker x$workers, Redis -> PostgreSQL" "$(rate "$t0" "$t1")"
done
