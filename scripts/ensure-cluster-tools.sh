#!/usr/bin/env bash
# `npm run cluster` and `npm run test:cluster` run Debian's engines (ADR 022): HAProxy 2.6, PgBouncer
# 1.18, pg_auto_failover 2.0 on PostgreSQL 15. Installs the missing ones with apt (root only), without
# letting Debian start the packaged services: the cluster command runs its own, on its own ports.
set -euo pipefail
packages=()
[ -x /usr/sbin/haproxy ] || packages+=(haproxy)
[ -x /usr/sbin/pgbouncer ] || packages+=(pgbouncer)
[ -x /usr/bin/pg_autoctl ] || packages+=(pg-auto-failover-cli)
[ -e /usr/lib/postgresql/15/lib/pgautofailover.so ] || packages+=(postgresql-15-auto-failover)
# psql talks to PgBouncer's admin console; ss tells the test which instance holds a connection.
command -v psql >/dev/null || packages+=(postgresql-client-15)
command -v ss >/dev/null || packages+=(iproute2)
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "[cluster] missing ${packages[*]}: install them as root (apt-get install ${packages[*]})" >&2
  exit 3
fi
echo "[cluster] installing ${packages[*]} (once)"
# policy-rc.d answering 101 ("action forbidden") stops the packages' postinst from starting haproxy,
# pgbouncer or a PostgreSQL cluster. Removed afterwards only if this script created it.
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ -n "$created_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
