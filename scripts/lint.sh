#!/usr/bin/env bash
# npm run lint: Biome's formatting (npm run format fixes it) and recommended lint rules
# (biome.json; warnings fail too), then the
# package boundaries dependency-cruiser checks (.dependency-cruiser.cjs: core and trainer pure,
# declared workspace dependencies, no reach into another package's files, no cycles).
set -euo pipefail
cd "$(dirname "$0")/.."

npx biome format --no-errors-on-unmatched .
npx biome lint --error-on-warnings --no-errors-on-unmatched .
npx depcruise --config .dependency-cruiser.cjs packages apps test bench scripts
