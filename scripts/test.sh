#!/usr/bin/env bash
# The test suite on node's test runner. With no argument, the whole of it: type check, lint
# (Biome and dependency-cruiser, scripts/lint.sh), then every test file (unit tests beside the
# code in packages/ and apps/, integration and end-to-end tests in test/). With `unit`,
# `integration` or `e2e` (npm run test:unit, ...), only those test files, without the checks.
# Integration and end-to-end tests need the local Postgres and Redis: scripts/services.sh
# starts them. The tests run on the Node.js scripts/node-env.sh puts first on PATH (the
# machine's if it is 24 or newer, else the pinned LTS, installed into .node/).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh

suite=${1:-all}
case "$suite" in
  all) roots=(packages apps test) ;;
  unit) roots=(packages apps) ;;
  integration) roots=(test/integration) ;;
  e2e) roots=(test/e2e) ;;
  *) echo "usage: scripts/test.sh [unit|integration|e2e]" >&2; exit 2 ;;
esac

bash scripts/system-packages.sh --test
bash scripts/services.sh
if [ "$suite" = all ]; then
  echo "== type check"
  npx tsc -p .
  echo "== lint"
  bash scripts/lint.sh
fi
echo "== Node.js $(node --version)"
mapfile -t files < <(find "${roots[@]}" -name '*.test.ts' -not -path '*/node_modules/*' | sort)
echo "== ${#files[@]} test files ($suite)"
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
