#!/usr/bin/env bash
# `bash scripts/with-node.sh COMMAND [ARGS]` runs COMMAND with a Node.js modelspace supports
# first on PATH (scripts/node-env.sh: the machine's if it is 24 or newer, else the pinned LTS,
# installed into .node/ on first use; MODELSPACE_NODE=26 picks another pinned line).
set -euo pipefail
. "$(dirname "$0")/node-env.sh"
exec "$@"
