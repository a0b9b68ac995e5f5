#!/usr/bin/env bash
# The citizen's access log ("Hvem har brukt opplysninger om meg", /innsyn) for a citizen with RECORDS records
# among OTHERS of other citizens (bench/access-log.sql): the latency of its first page and of a page half-way
# down (by the "older" link's cursor), DURATION seconds each at CONNECTIONS connections after a warm-up, through
# a logged-in session, every page read recorded as in production. Portvakt, PostgreSQL (Debian's, a throwaway
# cluster) and the load tool (wrk) share this machine.
#
# Usage: bench/access-log-bench.sh   (env: RECORDS=100000 OTHERS=1000000 WARMUP=20 DURATION=30 CONNECTIONS=4
#                                      PORT=18070)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-100000} OTHERS=${OTHERS:-1000000} WARMUP=${WARMUP:-20} DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-4} PORT=${PORT:-18070}
ISSUER="http://localhost:$PORT"
PID=28816196088

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

./mvnw -q -B -DskipTests package
. .ci/debian-postgres.sh
start_debian_postgres "$((PORT + 10))"
JAR=$(ls auth-server/target/portvakt-auth-server-*-exec.jar | head -n 1)
WORK=$(mktemp -d /tmp/portvakt-access-log-bench.XXXXXX)
# The benchmark bootstrap's private_key_jwt client needs a key, though nothing here uses it.
java bench/AssertionPool.java key "$WORK"
export BENCH_JWKS; BENCH_JWKS=$(cat "$WORK/jwks.json")
SERVER=
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; stop_debian_postgres' EXIT
java -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" --management.server.port=0 --portvakt.issuer="$ISSUER" \
  --portvakt.bootstrap=file:bench/bootstrap-bench.yml --portvakt.dev-secrets-file="$WORK/secrets.properties" \
  --portvakt.testid.enabled=true --logging.structured.format.console= --logging.level.root=WARN \
  > "$WORK/portvakt.log" 2>&1 &
SERVER=$!
for i in $(seq 1 120); do
  curl -fs "$ISSUER/.well-known/openid-configuration" >/dev/null && break
  [ "$i" = 120 ] && { echo "bench: the server did not start"; cat "$WORK/portvakt.log"; exit 1; }
  sleep 1
done
psql_bench() { "$PGBIN/psql" -q -tA -h 127.0.0.1 -p "$((PORT + 10))" -U postgres -v ON_ERROR_STOP=1 "$@"; }

# The citizen's first records from a real login (its ID and access tokens), then the copies.
java bench/SubjectToken.java "$ISSUER" bench-portal bench-portal-secret-0123456789-0123456789-0123456789 \
  http://localhost/bench-callback "$PID" >/dev/null
echo "bench: growing the log to $RECORDS records among $OTHERS others"
psql_bench -v records="$RECORDS" -v others="$OTHERS" -f bench/access-log.sql >/dev/null

# A logged-in session of the citizen's own (TestID), acting for themself, as a browser has it.
JAR_FILE="$WORK/cookies"
form() { # path fields: posts the page's form with its CSRF token, in the session
  local csrf
  csrf=$(curl -s -L -c "$JAR_FILE" -b "$JAR_FILE" "$ISSUER$1" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 \
    | sed 's/.*value="\([^"]*\)"/\1/')
  curl -s -o /dev/null -c "$JAR_FILE" -b "$JAR_FILE" --data-urlencode "_csrf=$csrf" -d "$3" "$ISSUER$2"
}
form /login /login/testid "pid=$PID&acr=idporten-loa-substantial"
form /representation /representation "pid=$PID"
# (curl marks HttpOnly cookies, as the session's is, with a prefix that looks like a comment)
COOKIE=$(sed 's/^#HttpOnly_//' "$JAR_FILE" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
# The middle of the log: the cursor of the older link after half of it.
CURSOR=$(psql_bench -c "select (extract(epoch from issued_at) * 1000000)::bigint || '-' || id from token_audit
  where jti = 'bench-$((RECORDS / 2))'")
for path in /innsyn "/innsyn?eldre=$CURSOR"; do
  STATUS=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$ISSUER$path")
  ENTRIES=$(grep -c '<time>' "$WORK/page.html" || true)
  [ "$STATUS" = 200 ] && [ "$ENTRIES" = 20 ] || { echo "bench: $path gave $STATUS with $ENTRIES entries"; exit 1; }
done

for path in /innsyn "/innsyn?eldre=$CURSOR"; do
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Cookie: $COOKIE" "$ISSUER$path" >/dev/null
  echo "bench: $path, ${DURATION}s at $CONNECTIONS connections"
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$ISSUER$path" \
    | grep -E 'Requests/sec|Non-2xx|^ +(50|90|99)(\.0+)?%'
done
echo "bench: readings recorded: $(psql_bench -c "select count(*) from token_audit_lookup
  where looked_up_by = 'citizen (own access log)'")"
