#!/usr/bin/env bash
# `bash scripts/bench-node-lines.sh [NODE...]`: `npm run bench -- train` and `overhead` on
# each Node.js given (MODELSPACE_NODE values: `system` for the machine's, or a line of
# .node-lts; default: system and every line of .node-lts), interleaved: each in turn, then
# again in the reverse order, so that the machine's load drift weighs on each alike. Each
# run's output goes to .tmp/bench-node-lines/; its JSON line, tagged with the Node.js
# version and the load average before it, to .tmp/bench-node-lines/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then nodes=("$@"); else mapfile -t nodes < <(echo system; awk '!/^#/ && NF { print $1 }' .node-lts); fi
out=.tmp/bench-node-lines
mkdir -p "$out"
: >"$out/results.jsonl"
order=("${nodes[@]}")
for ((i = ${#nodes[@]} - 1; i >= 0; i--)); do order+=("${nodes[i]}"); done

round=0
for node in "${order[@]}"; do
  round=$((round + 1))
  version=$(MODELSPACE_NODE=$node bash scripts/with-node.sh node --version)
  for bench in train overhead; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    log="$out/$round-$bench-$version.log"
    echo "== $round: $bench on Node.js $version (load $load)"
    start=$SECONDS
    MODELSPACE_NODE=$node npm run --silent bench -- "$bench" >"$log" 2>&1
    echo "   $((SECONDS - start)) s; $(tail -n 1 "$log" | cut -c1-160)"
    printf '{"run":%d,"node":"%s","load_before":"%s","seconds":%d,"figures":%s}\n' "$round" "$version" "$load" $((SECONDS - start)) "$(tail -n 1 "$log")" >>"$out/results.jsonl"
  done
done
echo "results: $out/results.jsonl"
