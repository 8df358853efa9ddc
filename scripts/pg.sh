#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (Debian's postgresql package, scripts/setup.sh).
#
#   eval "$(scripts/pg.sh start)"   initialises a cluster in a new temporary directory, starts it
#                                   on 127.0.0.1 on a free port, and prints the two exports:
#                                   ANYQTAMA_TEST_PG (the URL of its `postgres` database, as the
#                                   superuser `anyqtama`, trust authentication on loopback only)
#                                   and ANYQTAMA_PG_DIR (the directory)
#   scripts/pg.sh stop [DIR]        stops it and deletes the directory (DIR or $ANYQTAMA_PG_DIR)
#
# PostgreSQL refuses to run as root: run as root, the cluster belongs to `nobody` (runuser);
# otherwise to the calling user. Unix sockets only inside the directory; fsync stays on.
set -euo pipefail

say() { printf 'pg: %s\n' "$*" >&2; }
fail() {
  printf 'pg: FAILED: %s\n' "$*" >&2
  exit 1
}

bin="$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/initdb' 2>/dev/null | sort -V | tail -1 | xargs -r dirname)"
[ -n "$bin" ] || fail "no /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql (scripts/setup.sh does)"

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "${1:-}" in
  start)
    dir="$(mktemp -d "${TMPDIR:-/tmp}/anyqtama-pg.XXXXXX")"
    chmod 755 "$dir"
    mkdir "$dir/data"
    [ "$(id -u)" = 0 ] && chown nobody "$dir" "$dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U anyqtama --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      fail "initdb failed: $(tail -5 "$dir/initdb.log")"
    started=0
    for _ in 1 2 3 4 5; do
      port="$(free_port)"
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/data -c max_connections=300" \
        start >/dev/null 2>&1; then
        started=1
        break
      fi
    done
    [ "$started" = 1 ] || fail "pg_ctl start failed: $(tail -5 "$dir/server.log" 2>/dev/null)"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
    printf 'export ANYQTAMA_TEST_PG=%q\nexport ANYQTAMA_PG_DIR=%q\n' "postgres://anyqtama@127.0.0.1:$port/postgres" "$dir"
    ;;
  stop)
    dir="${2:-${ANYQTAMA_PG_DIR:-}}"
    [ -n "$dir" ] && [ -d "$dir/data" ] || fail "no cluster to stop: give its directory or set ANYQTAMA_PG_DIR"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || say "pg_ctl stop failed (already stopped?)"
    rm -rf "$dir"
    say "stopped"
    ;;
  *)
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
