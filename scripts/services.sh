#!/usr/bin/env bash
# Makes sure the local Postgres and Redis that modelspace uses by default are up: starts
# them if they are down, and installs them from Debian's packages on a bare host.
# Skips a service whose URL (DATABASE_URL / REDIS_URL) points at another host.
set -euo pipefail

is_local() { [[ -z "${1:-}" || "$1" == *"@127.0.0.1"* || "$1" == *"//127.0.0.1"* || "$1" == *"localhost"* ]]; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 60); do $check && return 0; sleep 0.5; done
  echo "services: $what did not come up" >&2
  return 1
}

if is_local "${DATABASE_URL:-}"; then
  if ! pg_up; then
    command -v pg_ctlcluster >/dev/null || { echo "services: installing PostgreSQL"; apt_install postgresql; }
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "services: starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for PostgreSQL pg_up
  fi
fi

if is_local "${REDIS_URL:-}"; then
  if ! redis_up; then
    command -v redis-server >/dev/null || { echo "services: installing Redis"; apt_install redis-server; }
    echo "services: starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
    wait_for Redis redis_up
  fi
fi
echo "services: PostgreSQL and Redis are up"
