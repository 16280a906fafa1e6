#!/bin/sh
# Load test of `marsad serve` (issue 5: >= 1,000 requests/s for event queries
# on a 100,000-event database, one core). A benchmark, not a test: it needs
# wrk, sqlite3, python3 and a corpus; nothing here runs under ctest.
#
#   bench/serve_bench.sh [DB] [MARSAD_BINARY] [CORPUS.jsonl[.gz]]
#   e.g. bench/serve_bench.sh /tmp/marsad-serve-bench.db build/marsad
#
# 1. Builds DB (default /tmp/marsad-serve-bench.db; reused when it already
#    holds >= MIN_EVENTS events) from CORPUS (default: the SaudiNewsNet 2015
#    corpus), taken several times; every copy gets a new id, its publication
#    date shifted by 400 days x copy (relative dates move with it) and a unique
#    last line, so cross-article dedup does not merge the copies.
# 2. Starts `marsad serve` pinned to one core (taskset -c $CPU) on loopback.
# 3. Runs wrk (2 threads, 32 connections, $DURATION s) per scenario; the Lua
#    script bench/serve_bench.lua rotates through a list of URLs.
# Prints requests/s, p50/p99 latency per scenario and the server's RSS.
# Environment: MIN_EVENTS (100000), DURATION (20), PORT (18790), CPU (0),
# THREADS (2), CONNECTIONS (32), MARSAD_DATA (source tree data/).
# SOAK=SECONDS (issue 8, docs/hardening.md): instead of the scenarios, one wrk
# run of SECONDS over all URL lists mixed (CONNECTIONS default 64 then), with
# the server's RSS after start, after a 10 s warm-up, every 5 s and at the end.
# CPU=all: the server is not pinned.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
db=${1:-/tmp/marsad-serve-bench.db}
marsad=${2:-$here/build/marsad}
corpus=${3:-/work/shared/data/corpus/saudinewsnet-2015.jsonl.gz}
min_events=${MIN_EVENTS:-100000}
duration=${DURATION:-20}
port=${PORT:-18790}
cpu=${CPU:-0}
wrk_threads=${THREADS:-2}
soak=${SOAK:-}
connections=${CONNECTIONS:-$([ -n "$soak" ] && echo 64 || echo 32)}
export MARSAD_DATA=${MARSAD_DATA:-$here/data}
lua=$here/bench/serve_bench.lua

for tool in wrk sqlite3 python3 taskset; do
  command -v "$tool" >/dev/null || { echo "serve_bench: $tool not found (apt-get install -y $tool)" >&2; exit 1; }
done
[ -x "$marsad" ] || { echo "serve_bench: $marsad: no marsad binary" >&2; exit 1; }

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

count_events() {
  if [ -f "$db" ]; then sqlite3 "$db" 'SELECT count(*) FROM events' 2>/dev/null || echo 0; else echo 0; fi
}

# ---- 1. the database ----
events=$(count_events)
copy=0  # copies already in the database (doc ids cN:…)
[ ! -f "$db" ] || copy=$(sqlite3 "$db" "SELECT count(DISTINCT substr(doc_id, 1, instr(doc_id, ':'))) FROM documents WHERE doc_id GLOB 'c[0-9]*:*'" 2>/dev/null || echo 0)
while [ "$events" -lt "$min_events" ]; do
  copy=$((copy + 1))
  python3 - "$corpus" "$copy" "$tmp/copy.jsonl" <<'EOF'
import datetime, gzip, json, sys
src, copy, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
shift = datetime.timedelta(days=400 * copy)
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
    for line in f:
        if not line.strip():
            continue
        d = json.loads(line)
        d["id"] = "c%d:%s" % (copy, d.get("id", ""))
        try:
            d["date"] = (datetime.date.fromisoformat(d["date"][:10]) + shift).isoformat()
        except (KeyError, ValueError, TypeError):
            pass
        d["text"] = d.get("text", "") + "\n— نسخة %d" % copy
        w.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
  start=$(date +%s)
  "$marsad" ingest "$tmp/copy.jsonl" --db "$db" --quiet
  events=$(count_events)
  echo "copy $copy ingested in $(( $(date +%s) - start )) s: $events events"
done
docs=$(sqlite3 "$db" 'SELECT count(*) FROM documents')
echo "database: $db, $docs documents, $events events, $(du -h "$db" | cut -f1)"

# ---- URL lists (real values from the database, so filters match) ----
ids=$(sqlite3 "$db" "SELECT id FROM events ORDER BY (id * 7919) % 100003 LIMIT 200")
first=$(sqlite3 "$db" "SELECT min(date) FROM events WHERE date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'")
last=$(sqlite3 "$db" "SELECT max(date) FROM events WHERE date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'")
mkdir -p "$tmp/urls"
python3 - "$tmp/urls" "$first" "$last" "$events" $ids <<'EOF'
import datetime, os, sys, urllib.parse as up
out, first, last, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ids = sys.argv[5:]
q = lambda **kw: "/api/events?" + up.urlencode(kw)
d0, d1 = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
types = ["ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "PROTEST", "SANCTION", "ACCUSE", "REJECT",
         "REQUEST", "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"]
actors = ["isis", "syr_gov", "usa", "rus", "irn", "tur", "sau", "hezbollah", "sdf", "nusra"]
near = [(33.51, 36.29), (36.20, 37.15), (34.73, 36.71), (35.93, 36.63), (35.33, 40.14), (32.62, 36.10),
        (33.31, 44.36), (24.71, 46.68), (15.35, 44.21), (36.34, 43.13)]
words = ["غارة", "قصف", "هجوم", "اشتباكات", "مقتل", "داعش", "حلب", "دمشق", "الحوثيين", "مظاهرة"]
sets = {
    "page": [q(limit=50)] + [q(limit=50, offset=50 * k) for k in range(1, 10)],
    "offset": [q(limit=50, offset=(k * 7919) % max(1, total - 50)) for k in range(40)],
    "type": [q(type=t, limit=50, offset=o) for t in types for o in (0, 100)],
    "actor": [q(actor=a, limit=50, offset=o) for a in actors for o in (0, 50)],
    "since_until": [],
    "near": [q(near="%.2f,%.2f" % p, radius=r, limit=50) for p in near for r in (25, 100)],
    "text": [q(text=w, limit=50) for w in words],
    "combined": [q(type="ASSAULT", actor=a, limit=50) for a in actors]
                + [q(type=t, near="%.2f,%.2f" % near[0], radius=200, limit=50) for t in types[:6]],
    "event_id": ["/api/events/" + i for i in ids],
}
# dashboard: the other endpoints the page calls, with the same filters (used by SOAK only)
sets["dashboard"] = ([u.replace("/api/events?", "/api/%s?" % ep) for ep in ("actors", "places", "timeline", "network")
                      for u in [q(type=t) for t in types[:6]] + [q(actor=a) for a in actors[:5]]]
                     + ["/api/timeline?bucket=week", "/api/places", "/api/actors", "/api/network?min_weight=3"])
span = (d1 - d0).days
# cold_days: 1,000 distinct one-day windows, more than the server's filter
# cache (64 entries), so nearly every request runs its SQL query.
sets["cold_days"] = [q(since=(d0 + datetime.timedelta(days=k % (span + 1))).isoformat(),
                       until=(d0 + datetime.timedelta(days=k % (span + 1))).isoformat(), limit=50)
                     for k in range(0, 1000 * 7, 7)]
for k in range(30):
    a = d0 + datetime.timedelta(days=(k * span) // 30)
    sets["since_until"].append(q(since=a.isoformat(), until=(a + datetime.timedelta(days=30)).isoformat(), limit=50))
for name, urls in sets.items():
    with open(os.path.join(out, name), "w") as f:
        f.write("\n".join(urls) + "\n")
EOF

# ---- 2. the server, on one core ----
pin="taskset -c $cpu"; [ "$cpu" = all ] && pin=""
$pin "$marsad" serve --db "$db" --host 127.0.0.1 --port "$port" >"$tmp/serve.log" 2>&1 &
server_pid=$!
tries=0
until python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/api/events?limit=1', timeout=60)" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 120 ] || ! kill -0 "$server_pid" 2>/dev/null; then
    echo "serve_bench: server did not answer" >&2; cat "$tmp/serve.log" >&2; exit 1
  fi
  sleep 1
done
rss() { awk '/^VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server_pid/status"; }
hwm() { awk '/^VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server_pid/status"; }
echo "server: pid $server_pid on cpu $cpu, port $port, RSS after first answer $(rss)"
echo "wrk: $wrk_threads threads, $connections connections, ${duration} s per scenario (after a 3 s warm-up)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# The machine may be shared: req/s is what the server achieved on its core
# while sharing it; req/cpu-s (requests / CPU seconds the server used) is what
# one whole core would give.
tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
if [ -n "$soak" ]; then
  cat "$tmp"/urls/* > "$tmp/mixed"
  echo "soak: $(grep -c . "$tmp/mixed") URLs (every scenario's list, mixed), $connections connections, ${soak} s"
  echo "RSS after start: $(rss)"
  URLS="$tmp/mixed" wrk -t2 -c"$connections" -d10s -s "$lua" "http://127.0.0.1:$port" >/dev/null 2>&1 || true
  echo "RSS after a 10 s warm-up: $(rss) (peak $(hwm))"
  ( while kill -0 "$server_pid" 2>/dev/null; do sleep 5; printf '%s ' "$(rss | cut -d' ' -f1)"; done ) > "$tmp/rss.samples" 2>/dev/null &
  sampler=$!
  t0=$(cpu_ticks)
  URLS="$tmp/mixed" wrk -t2 -c"$connections" -d"${soak}s" --timeout 10s --latency -s "$lua" \
    "http://127.0.0.1:$port" >"$tmp/wrk.out" 2>&1 || { cat "$tmp/wrk.out" >&2; exit 1; }
  t1=$(cpu_ticks)
  kill "$sampler" 2>/dev/null || true
  nreq=$(awk '/requests in/ {print $1}' "$tmp/wrk.out")
  echo "requests: $nreq, req/s $(awk '/^Requests\/sec/ {print $2}' "$tmp/wrk.out"), server CPU $(( (t1 - t0) / tck )) s"
  echo "latency p50 $(awk '$1 == "50%" {print $2}' "$tmp/wrk.out"), p90 $(awk '$1 == "90%" {print $2}' "$tmp/wrk.out"), p99 $(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")"
  echo "non-2xx/3xx: $(awk '/^bad_status/ {print $2}' "$tmp/wrk.out"); $(grep 'Socket errors' "$tmp/wrk.out" || echo 'no socket errors')"
  echo "RSS every 5 s (MB): $(cat "$tmp/rss.samples")"
  echo "RSS at the end: $(rss) (peak $(hwm))"
  exit 0
fi
printf '%-12s %6s %10s %10s %9s %9s %7s %8s\n' scenario urls req/s req/cpu-s p50 p99 errors RSS
for name in page offset type actor since_until near text combined event_id cold_days; do
  n=$(grep -c . "$tmp/urls/$name")
  # warm-up: fills the per-filter caches like a dashboard user would
  URLS="$tmp/urls/$name" wrk -t1 -c4 -d3s -s "$lua" "http://127.0.0.1:$port" >/dev/null 2>&1 || true
  t0=$(cpu_ticks)
  URLS="$tmp/urls/$name" wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$lua" \
    "http://127.0.0.1:$port" >"$tmp/wrk.out" 2>&1 || { cat "$tmp/wrk.out" >&2; exit 1; }
  t1=$(cpu_ticks)
  rps=$(awk '/^Requests\/sec/ {print $2}' "$tmp/wrk.out")
  nreq=$(awk '/requests in/ {print $1}' "$tmp/wrk.out")
  per_cpu=$(awk -v n="$nreq" -v t=$((t1 - t0)) -v hz="$tck" 'BEGIN {printf "%.0f", (t > 0 ? n * hz / t : 0)}')
  p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
  errs=$(awk '/^bad_status/ {print $2}' "$tmp/wrk.out")
  sockerr=$(awk '/Socket errors/ {print $0}' "$tmp/wrk.out")
  printf '%-12s %6s %10s %10s %9s %9s %7s %8s\n' "$name" "$n" "$rps" "$per_cpu" "$p50" "$p99" "${errs:-0}" "$(rss)"
  [ -z "$sockerr" ] || echo "  $sockerr"
done
echo "server RSS at the end: $(rss) (peak $(hwm))"
