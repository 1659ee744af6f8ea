# Sourced (`. scripts/node-env.sh`) by the scripts that run modelspace: puts a Node.js that
# modelspace supports first on PATH, installing it from .node-lts (scripts/node-lts.sh) if
# need be. MODELSPACE_NODE chooses:
#  - unset: the machine's node if its line is one modelspace supports or newer (24 and up),
#    else the primary version of .node-lts;
#  - a line or version of .node-lts (`24`, `26`, `26.12.1`): that one (CI's passes);
#  - `system`: the machine's node, whatever it is.
# With a version from .node-lts, npm_config_nodedir points node-gyp at that version's own
# headers (in the package's include/), so building the native addon downloads nothing.
_modelspace_node_env() {
  local root want oldest major bin
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  want=${MODELSPACE_NODE:-}
  [ "$want" = system ] && return 0
  if [ -z "$want" ]; then
    oldest=$(awk '!/^#/ && NF { split($1, v, "."); print v[1] }' "$root/.node-lts" | sort -n | head -n 1)
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    [ "$major" -ge "$oldest" ] && return 0
  fi
  bin=$(bash "$root/scripts/node-lts.sh" "$want") || return 1
  [ "$(command -v node)" = "$bin/node" ] || export PATH="$bin:$PATH"
  export npm_config_nodedir="${bin%/bin}"
}
_modelspace_node_env || { echo "node-env: could not install a supported Node.js (see above)" >&2; return 1 2>/dev/null || exit 1; }
unset -f _modelspace_node_env
