#!/usr/bin/env bash
# `npm run bench -- NAME [ARGS]` runs bench/NAME.ts; each prints figures, then one JSON line.
# On the Node.js of scripts/node-env.sh (MODELSPACE_NODE=system: the machine's, whatever it is).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
name=${1:-}
if [ -z "$name" ] || [ ! -f "bench/$name.ts" ]; then
  echo "usage: npm run bench -- NAME   (NAME one of: $(ls bench/*.ts 2>/dev/null | xargs -n1 basename 2>/dev/null | sed 's/\.ts$//' | tr '\n' ' '))" >&2
  exit 2
fi
shift
exec npx tsx "bench/$name.ts" "$@"
