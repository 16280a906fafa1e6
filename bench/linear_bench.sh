#!/bin/sh
# Linear time on hostile inputs (issue 8): times `marsad` on inputs of size N,
# 2N and 4N for the cases of tests/bad/ that could go quadratic, and prints the
# time per unit so a super-linear case shows as a growing last column.
# A benchmark, not a test (nothing here runs under ctest).
#
#   bench/linear_bench.sh [MARSAD_BINARY]        (default build/marsad)
#   REPEAT=3 (best of), SCALE=1 (multiplies every N)
#
# Cases:
#   words      `code` on a text file of one trigger word («قصف») repeated N times, no full stop
#   sentences  `code` on a text file of N short sentences, each an event at an
#              ambiguous place («قتل شخص في حلب.»: city or governorate)
#   plain      `code` on a text file of N sentences without events
#   jsonl      `code` on one JSON line whose text is N sentences without events
#   html_deep  `ingest` of <div> nested N deep (libxml2 stops at 256 levels; the rest is read and dropped)
#   html_inline `ingest` of N unclosed <b> tags around text
#   warc       `ingest` of a WARC file of N small HTML records
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
marsad=${1:-$here/build/marsad}
repeat=${REPEAT:-3}
scale=${SCALE:-1}
export MARSAD_DATA=${MARSAD_DATA:-$here/data}
[ -x "$marsad" ] || { echo "linear_bench: $marsad: no marsad binary" >&2; exit 1; }
command -v python3 >/dev/null || { echo "linear_bench: needs python3" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

gen() {  # gen CASE N FILE
  python3 - "$@" <<'PY'
import sys
case, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(out, "w", encoding="utf-8") as f:
    if case == "words":
        f.write("قصف " * n)
    elif case == "sentences":
        f.write("قتل شخص في حلب. " * n)
    elif case == "plain":
        f.write("ذهب الولد إلى المدرسة صباحا. " * n)
    elif case == "jsonl":
        import json
        f.write(json.dumps({"id": "big", "date": "2021-01-27", "text": "ذهب الولد إلى المدرسة صباحا. " * n}, ensure_ascii=False) + "\n")
    elif case == "html_deep":
        f.write("<html><body><p>" + "قصفت قوات النظام بلدة كفرنبل في ريف إدلب. " * 3 + "</p>" + "<div>" * n + "نص" + "</div>" * n + "</body></html>")
    elif case == "html_inline":
        f.write("<html><body><p>" + "<b>قصفت قوات النظام بلدة كفرنبل " * n + "</p></body></html>")
    elif case == "warc":
        for i in range(n):
            body = ("<html><body><p>قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي يوم الثلاثاء وقتل %d مدنيين في الغارة رقم %d.</p></body></html>" % (i % 9 + 2, i)).encode()
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            rec = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/%d\r\nWARC-Date: 2021-01-27T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%d>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (i, i, len(http))).encode()
            f.buffer.write(rec + http + b"\r\n\r\n")
PY
}

seconds() {  # seconds CMD… : best wall time of $repeat runs
  best=""
  i=0
  while [ $i -lt "$repeat" ]; do
    rm -f "$tmp/db"*
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l 2>/dev/null || python3 -c "print($e - $s)")
    if [ -z "$best" ] || [ "$(python3 -c "print(1 if $t < $best else 0)")" = 1 ]; then best=$t; fi
    i=$((i + 1))
  done
  printf '%.3f' "$best"
}

echo "marsad: $marsad ($("$marsad" --version 2>/dev/null | head -1))"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); best of $repeat runs"
printf '%-12s %10s %10s %9s %14s\n' case N bytes seconds "us per unit"
for spec in "words 250000" "sentences 2000" "plain 25000" "jsonl 25000" "html_deep 25000" "html_inline 25000" "warc 2000"; do
  set -- $spec
  case=$1; base=$(($2 * scale))
  for mult in 1 2 4; do
    n=$((base * mult))
    ext=txt; cmd=code
    case $case in jsonl) ext=jsonl ;; html_*) ext=html; cmd=ingest ;; warc) ext=warc; cmd=ingest ;; esac
    f="$tmp/$case-$n.$ext"
    gen "$case" "$n" "$f"
    if [ "$cmd" = code ]; then t=$(seconds "$marsad" code "$f"); else t=$(seconds "$marsad" ingest "$f" --db "$tmp/db" --quiet); fi
    printf '%-12s %10s %10s %9s %14s\n' "$case" "$n" "$(wc -c < "$f")" "$t" "$(python3 -c "print('%.2f' % ($t * 1e6 / $n))")"
    rm -f "$f"
  done
done
