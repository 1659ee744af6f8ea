#!/usr/bin/env bash
# Debian packages modelspace uses beyond Node.js, installed when missing:
#  - libdnnl-dev (oneDNN): the native CPU training kernels (packages/native), built by
#    `npm ci`; without it the trainer falls back to WebAssembly and says so.
#  - dataset-fashion-mnist: the built-in `fashion-mnist` dataset (training.dataset), about
#    30 MB; a worker without it fails such trials with a message naming this package.
#  - chromium (with --test): the dashboard's browser test, driven by playwright-core.
#  - prometheus (with --test): its promtool checks the /metrics exposition.
#  - python3-torch (with --test or --bench): the PyTorch example program the program-trial
#    tests sweep (examples/pytorch-mnist), and the PyTorch baseline `npm run bench -- train`
#    runs side by side.
#  - python3-optuna (with --bench): the Optuna TPE baseline `npm run bench -- search` runs side by side.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
dpkg -s libdnnl-dev >/dev/null 2>&1 || missing+=(libdnnl-dev)
dpkg -s dataset-fashion-mnist >/dev/null 2>&1 || missing+=(dataset-fashion-mnist)
for flag in "$@"; do
  case "$flag" in
    --test)
      command -v chromium >/dev/null || missing+=(chromium)
      command -v promtool >/dev/null || missing+=(prometheus)
      dpkg -s python3-torch >/dev/null 2>&1 || missing+=(python3-torch) ;;
    --bench)
      dpkg -s python3-torch >/dev/null 2>&1 || missing+=(python3-torch)
      dpkg -s python3-optuna >/dev/null 2>&1 || missing+=(python3-optuna) ;;
    *) echo "system-packages.sh: unknown option $flag (use --test and/or --bench)" >&2; exit 2 ;;
  esac
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "system packages: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "system packages: present"
