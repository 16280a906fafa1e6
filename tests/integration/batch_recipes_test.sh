#!/usr/bin/env bash
# The batch-sharding recipes of docs/scale.md give the output of one process:
# GNU parallel --pipe --keep-order, xargs -P over line shards, and the Slurm
# array script's per-shard command (run here without Slurm, one task after
# another with SLURM_ARRAY_TASK_ID set — sbatch itself is not tested).
#   tests/integration/batch_recipes_test.sh build/marsad [INPUT.jsonl]
set -euo pipefail
fail() {
  echo "batch_recipes_test: FAILED: $*" >&2
  exit 1
}
BIN=${1:?usage: batch_recipes_test.sh MARSAD_BINARY [INPUT.jsonl]}
HERE=$(cd "$(dirname "$0")" && pwd)
INPUT=${2:-$HERE/../golden/sentences.jsonl}
command -v parallel > /dev/null || fail "GNU parallel is not installed (Debian: apt-get install parallel, or scripts/install-deps)"
W=$(mktemp -d "${TMPDIR:-/tmp}/marsad_batch.XXXXXX")
trap 'rm -rf "$W"' EXIT
export MARSAD="$BIN"

"$BIN" code "$INPUT" > "$W/one.jsonl"
docs=$(wc -l < "$W/one.jsonl")
events=$(grep -o '"type":' "$W/one.jsonl" | wc -l)
[[ $docs -gt 50 && $events -gt 50 ]] || fail "the single run coded only $docs documents / $events events"

# 1. GNU parallel: blocks of whole lines to 4 processes, output in input order.
parallel --pipe --keep-order --block 20k -j 4 "$BIN" code < "$INPUT" > "$W/parallel.jsonl"
cmp "$W/one.jsonl" "$W/parallel.jsonl" || fail "GNU parallel --pipe output differs from one process"

# 2. xargs -P: 4 line shards, coded in parallel, concatenated in shard order.
mkdir -p "$W/shards"
split -n l/4 -d -a 3 "$INPUT" "$W/shards/shard."
ls "$W/shards"/shard.* | xargs -P 4 -I{} sh -c '"$MARSAD" code "$1" > "$1.out"' _ {}
cat "$W/shards"/shard.*.out > "$W/xargs.jsonl"
cmp "$W/one.jsonl" "$W/xargs.jsonl" || fail "xargs -P output differs from one process"

# 3. The Slurm array script, each task index in turn (no Slurm here).
n=$(ls "$W/shards"/shard.??? | wc -l)
for ((i = 0; i < n; i++)); do
  SLURM_ARRAY_TASK_ID=$i bash "$HERE/shard_code.sbatch" "$W/shards" "$W/out"
done
cat "$W/out"/shard.*.jsonl > "$W/slurm.jsonl"
cmp "$W/one.jsonl" "$W/slurm.jsonl" || fail "the Slurm per-shard outputs differ from one process"

echo "batch_recipes_test: PASSED ($docs documents, $events events; parallel, xargs and the Slurm task script agree with one process)"
