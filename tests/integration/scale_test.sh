#!/usr/bin/env bash
# Scale-out integration test (issue 7; docs/scale.md). Starts a real
# redis-server and a real PostgreSQL/PostGIS cluster on 127.0.0.1 in a
# temporary directory, enqueues N articles (default 3,000, distinct by
# document key) of the SaudiNewsNet corpus, runs three `marsad worker`s, kills one with kill -9 while it holds
# documents, and checks that
#   - the queue ends with every document done, none pending or failed;
#   - the store holds every document exactly once (by key and by id);
#   - every report stored (document, event type, evidence) equals the events
#     of one `marsad code` run on the same articles, one for one;
#   - the killed worker's documents were taken over (XAUTOCLAIM).
# It fails, saying why, when the corpus is missing or a server cannot start.
#
#   tests/integration/scale_test.sh build/marsad [CORPUS.jsonl.gz]
#   env: MARSAD_CORPUS (corpus path), SCALE_TEST_ARTICLES (3000),
#        SCALE_TEST_CLAIM_AFTER (seconds, 3), SCALE_TEST_KEEP=1 (keep the directory)
set -euo pipefail

fail() {
  echo "scale_test: FAILED: $*" >&2
  exit 1
}

BIN=${1:?usage: scale_test.sh MARSAD_BINARY [CORPUS]}
[[ -x "$BIN" ]] || fail "no marsad program at $BIN"
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
CORPUS=${2:-${MARSAD_CORPUS:-$SRC/../shared/data/corpus/saudinewsnet-2015.jsonl.gz}}
N=${SCALE_TEST_ARTICLES:-3000}
CLAIM=${SCALE_TEST_CLAIM_AFTER:-3}
PSQL=/usr/lib/postgresql/15/bin/psql
[[ -f "$CORPUS" ]] || fail "the corpus is missing: $CORPUS (pass it as the second argument or set MARSAD_CORPUS; in CI the repository sits next to ../shared/data/corpus/)"
command -v python3 > /dev/null || fail "python3 is needed to compare the outputs"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/marsad_scale.XXXXXX")
WORKERS=()
cleanup() {
  local rc=$?
  for pid in "${WORKERS[@]}"; do kill -9 "$pid" 2> /dev/null || true; done
  "$HERE/servers.sh" redis-stop "$WORK/redis" || true
  "$HERE/servers.sh" postgres-stop "$WORK/pg" || true
  if [[ $rc -ne 0 ]]; then
    for f in "$WORK"/worker*.log; do [[ -f $f ]] && { echo "--- $f"; tail -5 "$f"; }; done >&2
  fi
  if [[ "${SCALE_TEST_KEEP:-0}" == 1 ]]; then echo "scale_test: kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT

# --- input ---------------------------------------------------------------
# The corpus has articles whose texts differ only in ways document_key folds
# away (harakat, spaces, alef forms): the store keeps one of each, by design.
# So the test takes the first N articles with distinct keys, as one
# single-process SQLite ingest finds them.
set +o pipefail
zcat -f "$CORPUS" | head -n "$((N + N / 10 + 50))" > "$WORK/candidates.jsonl"
set -o pipefail
"$BIN" ingest "$WORK/candidates.jsonl" --db "$WORK/reference.db" --quiet || fail "the reference SQLite ingest failed"
python3 - "$WORK/candidates.jsonl" "$WORK/reference.db" "$N" "$WORK/articles.jsonl" << 'PY' || fail "the corpus has fewer than $N distinct articles in its first lines"
import json, sqlite3, sys
cand, db, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
keep = {r[0] for r in sqlite3.connect(db).execute("SELECT doc_id FROM documents ORDER BY id LIMIT ?", (n,))}
lines = [l for l in open(cand, encoding="utf-8") if json.loads(l)["id"] in keep]
open(out, "w", encoding="utf-8").writelines(lines)
sys.exit(0 if len(lines) == n else 1)
PY
got=$(wc -l < "$WORK/articles.jsonl")
[[ "$got" -eq "$N" ]] || fail "only $got distinct articles in $CORPUS, $N wanted"
echo "scale_test: $N articles with distinct document keys from $CORPUS"

# --- servers -------------------------------------------------------------
PG_DSN=$("$HERE/servers.sh" postgres-start "$WORK/pg") || fail "the PostgreSQL cluster could not start (reason above)"
REDIS=$("$HERE/servers.sh" redis-start "$WORK/redis") || fail "redis-server could not start (reason above)"
PG_PORT=$(cat "$WORK/pg/port")
echo "scale_test: PostgreSQL at $PG_DSN, Redis at $REDIS"
sql() { "$PSQL" -X -A -t -q -h 127.0.0.1 -p "$PG_PORT" -U marsad -d marsad -c "$1"; }

# --- reference: one process ----------------------------------------------
"$BIN" code "$WORK/articles.jsonl" > "$WORK/single.jsonl" 2> "$WORK/code.log" || fail "marsad code failed: $(tail -3 "$WORK/code.log")"

# --- queue and workers -----------------------------------------------------
"$BIN" enqueue "$WORK/articles.jsonl" --redis "$REDIS" 2> "$WORK/enqueue.log" || fail "marsad enqueue failed: $(cat "$WORK/enqueue.log")"
queued=$("$BIN" status --redis "$REDIS" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["queued"])')
[[ "$queued" -eq "$N" ]] || fail "enqueued $queued documents, expected $N"

# The schema first (as the first worker would), so three workers start together.
for w in 1 2 3; do
  "$BIN" worker --redis "$REDIS" --db "$PG_DSN" --drain --consumer "w$w" --batch 8 --claim-after "$CLAIM" \
    > "$WORK/worker$w.log" 2>&1 &
  WORKERS+=($!)
done
VICTIM=${WORKERS[1]}

# Kill worker 2 with kill -9 once a fifth is done and it holds documents.
killed=0
for _ in $(seq 1 600); do
  st=$("$BIN" status --redis "$REDIS" --json)
  if python3 -c 'import json,sys; s=json.loads(sys.argv[1]); n=int(sys.argv[2]); sys.exit(0 if s["done"] >= n // 5 and s["consumers"].get("w2", 0) > 0 else 1)' "$st" "$N"; then
    kill -9 "$VICTIM"
    killed=1
    held=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["consumers"]["w2"])' "$st")
    echo "scale_test: killed worker w2 (pid $VICTIM) with kill -9 holding $held documents; status $st"
    break
  fi
  kill -0 "$VICTIM" 2> /dev/null || break
  sleep 0.1
done
[[ $killed -eq 1 ]] || fail "worker w2 never held documents after a fifth was done: cannot test the kill (status $st)"

# The other two finish, taking over w2's documents after $CLAIM s.
for i in 0 2; do
  wait "${WORKERS[$i]}" || fail "worker w$((i + 1)) failed: $(tail -3 "$WORK/worker$((i + 1)).log")"
done
WORKERS=()
cat "$WORK/worker1.log" "$WORK/worker3.log"

# --- checks ------------------------------------------------------------------
status=$("$BIN" status --redis "$REDIS" --json)
echo "scale_test: final status $status"
python3 - "$status" "$N" << 'PY' || fail "the queue did not end empty with every document done"
import json, sys
s, n = json.loads(sys.argv[1]), int(sys.argv[2])
ok = s["queued"] == 0 and s["pending"] == 0 and s["failed"] == 0 and s["done"] == n
if not ok: print(f"queue status {s}, expected queued 0, pending 0, failed 0, done {n}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
claimed=$(sed -n 's/.*, \([0-9]*\) taken over.*/\1/p' "$WORK/worker1.log" "$WORK/worker3.log" | awk '{ n += $1 } END { print n + 0 }')
[[ "${claimed:-0}" -gt 0 ]] || fail "no worker took over the killed worker's documents (XAUTOCLAIM)"
echo "scale_test: $claimed documents taken over from the killed worker"

read -r docs keys ids <<< "$(sql "SELECT count(*), count(DISTINCT key), count(DISTINCT doc_id) FROM documents" | tr '|' ' ')"
[[ "$docs" -eq "$N" && "$keys" -eq "$N" && "$ids" -eq "$N" ]] ||
  fail "the store holds $docs documents ($keys distinct keys, $ids distinct ids), expected each of the $N exactly once"
dup_reports=$(sql "SELECT count(*) FROM (SELECT document_id, ordinal FROM event_sources GROUP BY 1, 2 HAVING count(*) > 1) d")
[[ "$dup_reports" -eq 0 ]] || fail "$dup_reports events stored more than once"

"$BIN" export --db "$PG_DSN" --format jsonl -o "$WORK/store.jsonl" 2> "$WORK/export.log" || fail "export failed: $(cat "$WORK/export.log")"
python3 - "$WORK/single.jsonl" "$WORK/store.jsonl" "$WORK/articles.jsonl" << 'PY' || fail "the stored events differ from one marsad code run"
import collections, json, sys
def key(doc_id, typ, ev):
    return (doc_id, typ, json.dumps(ev.get("sentence")), json.dumps(ev.get("trigger")), ev.get("rule"))
single = collections.Counter()
docs = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    docs += 1
    for e in r.get("events", []):
        single[key(r["doc_id"], e["type"], e.get("evidence", {}))] += 1
stored = collections.Counter()
for line in open(sys.argv[2], encoding="utf-8"):
    e = json.loads(line)
    for s in e["sources"]:
        stored[key(s["doc_id"], e["type"], s.get("evidence", {}))] += 1
# Events reported by one document only are stored whole: compare their fields
# too. Not compared, by the store's design: spans (not stored), actors without
# an id (not stored), and a place's precision (places are stored once per
# gazetteer id and name, with the precision of their first mention; a place
# without a gazetteer id is stored once per name, with the coordinates of its
# first mention and spelling, so only its folded name is compared). An event
# without a date is stored on its document's publication day (docs/store.md).
NAMES = ["type", "mode", "cameo", "acled", "reciprocal", "location", "date", "casualties", "status", "attribution",
         "confidence", "source", "target"]
import re
def fold(name):
    if not name: return name
    name = re.sub("[\u064B-\u0652\u0640]", "", name)
    return name.translate(str.maketrans("أإآٱىة", "اااايه"))
def fields(e):
    loc = dict(e["location"]) if e.get("location") else None
    if loc:
        loc.pop("span", None)
        loc.pop("precision", None)
        if not loc.get("gazetteer_id"):
            loc = {k: fold(loc.get(k)) for k in ("name_ar", "name_en")}
    ids = lambda refs: sorted(a["id"] for a in refs if a.get("id"))
    return [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in
            [e["type"], e.get("mode"), e.get("cameo"), e.get("acled"), e.get("reciprocal"), loc, e.get("date"),
             e.get("casualties"), e.get("status"), e.get("attribution"), e.get("confidence"),
             ids(e.get("source", [])), ids(e.get("target", []))]]
doc_date = {}
for line in open(sys.argv[3], encoding="utf-8"):
    d = json.loads(line)
    doc_date[d["id"]] = d.get("date")
by_report = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for e in r.get("events", []):
        if not e.get("date") and doc_date.get(r["doc_id"]):
            e = dict(e, date={"value": doc_date[r["doc_id"]], "precision": "day", "text": ""})
        by_report[key(r["doc_id"], e["type"], e.get("evidence", {}))] = fields(e)
differ = single_checked = 0
by_field = collections.Counter()
for line in open(sys.argv[2], encoding="utf-8"):
    e = json.loads(line)
    if len(e["sources"]) != 1: continue
    k = key(e["sources"][0]["doc_id"], e["type"], e["sources"][0].get("evidence", {}))
    single_checked += 1
    mine, ref = fields(e), by_report.get(k)
    if ref != mine:
        differ += 1
        for i, name in enumerate(NAMES):
            if ref is None or ref[i] != mine[i]:
                by_field[name] += 1
                if by_field[name] <= 2: print(f"  {name} differs for {k}:\n    code:  {ref[i] if ref else None}\n    store: {mine[i]}", file=sys.stderr)
print(f"scale_test: {single_checked} single-report events compared field by field, {differ} differ {dict(by_field)}")
missing, extra = single - stored, stored - single
print(f"scale_test: {docs} documents, {sum(single.values())} events from marsad code; "
      f"{sum(stored.values())} reports in the store; missing {sum(missing.values())}, extra {sum(extra.values())}")
for k in list(missing)[:5]: print("  missing", k, file=sys.stderr)
for k in list(extra)[:5]: print("  extra", k, file=sys.stderr)
sys.exit(0 if not missing and not extra and not differ and sum(single.values()) > 0 else 1)
PY

# The dashboard serves the shared database too: every stored event, and a
# near= query (PostGIS) around one event's own place.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --db "$PG_DSN" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
stored_events=$(sql "SELECT count(*) FROM events")
python3 - "$PORT" "$stored_events" << 'PY' || { kill "$SERVE_PID"; fail "marsad serve --db postgresql://… (log: $(tail -3 "$WORK/serve.log"))"; }
import json, sys, time, urllib.request
port, stored = sys.argv[1], int(sys.argv[2])
def get(q):
    return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?{q}", timeout=60))
for _ in range(100):
    try:
        first = get("limit=200"); break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("the server did not answer")
if first["total"] != stored:
    sys.exit(f"it lists {first['total']} events, the store holds {stored}")
pts = [e["place"] for e in first["events"] if (e.get("place") or {}).get("lat") is not None
       and e["place"].get("precision") not in (None, "country")]
if not pts:
    sys.exit("no located event among the first 200")
p = pts[0]
near = get(f"near={p['lat']},{p['lon']}&radius=5&limit=1")["total"]
if not 0 < near < stored:
    sys.exit(f"{near} events within 5 km of an event's own place ({p['lat']},{p['lon']}) out of {stored}")
print(f"scale_test: marsad serve on PostgreSQL lists all {stored} events; {near} within 5 km of {p['lat']},{p['lon']}")
PY
kill "$SERVE_PID"
echo "scale_test: PASSED"
