#!/usr/bin/env bash
# The whole test suite: type check, then every test file (unit tests beside the code in
# packages/ and apps/, integration and end-to-end tests in test/) on node's test runner.
# Needs the local Postgres and Redis: scripts/services.sh starts them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-packages.sh --test
bash scripts/services.sh
echo "== type check"
npx tsc -p .
mapfile -t files < <(find packages apps test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
echo "== ${#files[@]} test files"
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
