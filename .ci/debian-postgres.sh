# Sourced, not run: start_debian_postgres PORT starts Debian's PostgreSQL (installed if missing) in a throwaway
# cluster on 127.0.0.1:PORT and exports DB_URL, DB_USER and DB_PASSWORD for Portvakt (its
# DatabaseEnvironmentPostProcessor reads them); stop_debian_postgres stops and removes it, also on the calling
# shell's exit (a caller that sets an EXIT trap of its own calls it there). Used by .ci/run where the embedded
# PostgreSQL cannot run, and by the benchmarks, whose server jar has no embedded one. Needs root.
start_debian_postgres() {
  local port=$1
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PGDIR=$(mktemp -d /tmp/portvakt-pg.XXXXXX)
  chown postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $PGDIR -c max_connections=200" start >/dev/null
  trap stop_debian_postgres EXIT
  export DB_URL="jdbc:postgresql://127.0.0.1:$port/postgres" DB_USER=postgres DB_PASSWORD=""
}

stop_debian_postgres() {
  if [ -n "${PGDIR:-}" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
    PGDIR=
  fi
}
