#!/usr/bin/env bash
# The token endpoint benchmark: client_credentials tokens per second, median and 99th-percentile latency, and the
# machine's raw RS256 signing rate measured in the same run, so the ratio shows how close the endpoint comes to
# the crypto limit. Everything runs on this machine, on loopback.
#
# Usage: bench/token-bench.sh          (env: WARMUP=60 DURATION=30 CONNECTIONS=32 THREADS=2 PORT=18080)
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-60} DURATION=${DURATION:-30} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2}
PORT=${PORT:-18080}

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

./mvnw -q -B -DskipTests package
JAR=$(ls auth-server/target/portvakt-auth-server-*.jar | grep -v original | head -n 1)
WORK=$(mktemp -d /tmp/portvakt-bench.XXXXXX)
java -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" --portvakt.issuer="http://localhost:$PORT" \
  --portvakt.bootstrap=file:bench/bootstrap-bench.yml --portvakt.dev-secrets-file="$WORK/secrets.properties" \
  --portvakt.embedded-db.data-dir="$WORK/pgdata" --portvakt.embedded-db.clean-on-start=true \
  --logging.level.root=WARN > "$WORK/portvakt.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/.well-known/openid-configuration" >/dev/null && break
  sleep 1
done

export BENCH_BASIC
BENCH_BASIC=$(printf '%s' "bench-system:bench-system-secret-0123456789-0123456789-0123456789" | base64 -w0)
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Basic $BENCH_BASIC" \
  -d 'grant_type=client_credentials&scope=records.read&resource=https%3A%2F%2Fapi.bench-partner.example%2Frecords' "http://localhost:$PORT/oauth2/token")
[ "$STATUS" = 200 ] || { echo "bench: a token request failed with $STATUS"; cat "$WORK/portvakt.log"; exit 1; }

echo "bench: warming up for ${WARMUP}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/client-credentials.lua \
  "http://localhost:$PORT/oauth2/token" >/dev/null
echo "bench: measuring for ${DURATION}s at $CONNECTIONS connections"
RESULT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/client-credentials.lua \
  "http://localhost:$PORT/oauth2/token" | grep '^RESULT')
kill $SERVER; wait $SERVER 2>/dev/null || true
SIGN=$(java bench/SignRate.java 10 | grep '^RESULT')

echo "$RESULT"
echo "$SIGN"
for kv in $RESULT $SIGN; do
  case $kv in *=*) declare "${kv%%=*}=${kv#*=}" ;; esac
done
awk -v n="$requests" -v t="$seconds" -v s="$rs256_signatures_per_second" -v p50="$p50_ms" -v p99="$p99_ms" \
    -v bad="$non2xx" -v c="$CONNECTIONS" 'BEGIN {
  printf "client_credentials tokens/s: %.0f at %d connections, p50 %s ms, p99 %s ms, non-2xx %s\n", n / t, c, p50, p99, bad
  printf "raw RS256 signatures/s: %.0f; the endpoint reaches %.0f%% of it\n", s, 100 * n / t / s
}'
