#!/usr/bin/env bash
# PVK's replication benchmark. Portvakt, the two stand-in subscribers and the load all share this machine.
#  1. the backlog: CITIZENS synthetic citizens are imported and CHANGES changes made through the admin API
#     (the real write path: rules, history, outbox) while the server delivers nothing;
#  2. the drain: the server restarts with delivery on, and two subscribers receive 2 x CHANGES messages
#     (verifying each token's signature, keeping the highest sequence per key); the rate from the first receipt
#     to the last, and the server's CPU per delivery (from the first receipt on);
#  3. the lag: RATE changes a second, with the subscribers up, for WARMUP seconds (not measured: the restarted
#     server's change path is cold) and then LAG_SECONDS: from each change's time to its receipt, p50 and p99.
#
# Usage: bench/pvk-bench.sh   (env: CITIZENS=10000 CHANGES=100000 RATE=200 WARMUP=60 LAG_SECONDS=30 PORT=18090)
set -euo pipefail
cd "$(dirname "$0")/.."
CITIZENS=${CITIZENS:-10000} CHANGES=${CHANGES:-100000} RATE=${RATE:-200} LAG_SECONDS=${LAG_SECONDS:-30}
WARMUP=${WARMUP:-60}
PORT=${PORT:-18090}
ISSUER="http://localhost:$PORT"
export BENCH_PORT_A=$((PORT + 1)) BENCH_PORT_B=$((PORT + 2))

./mvnw -q -B -DskipTests package
# The server jar has no embedded PostgreSQL (it is for the dev run and the tests): Debian's, as in production.
. .ci/debian-postgres.sh
start_debian_postgres "$((PORT + 10))"
JAR=$(ls auth-server/target/portvakt-auth-server-*-exec.jar | head -n 1)
WORK=$(mktemp -d /tmp/portvakt-pvk-bench.XXXXXX)
# nimbus from the server's own jar, for the key pair and the subscribers' signature checks.
NIMBUS_ENTRY=$(jar tf "$JAR" | grep '/nimbus-jose-jwt-.*\.jar$')
(cd "$WORK" && jar xf "$OLDPWD/$JAR" "$NIMBUS_ENTRY")
NIMBUS="$WORK/$NIMBUS_ENTRY"
# The load tool's HTTP client completes each response on the JDK's default pool, a new thread per response on 2
# cores unless the common pool has 2 threads or more: the tool should not eat the server's CPU.
bench() {
  java -Dwarmup="$WARMUP" -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -cp "$NIMBUS" \
    bench/PvkBench.java "$@"
}
bench key "$WORK"
export BENCH_PVK_JWKS; BENCH_PVK_JWKS=$(cat "$WORK/pvk-jwks.json")

SERVER=
start_server() { # delivery-enabled
  java -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" --portvakt.issuer="$ISSUER" \
    --portvakt.bootstrap=file:bench/bootstrap-pvk-bench.yml --portvakt.dev-secrets-file="$WORK/secrets.properties" \
    --portvakt.pvk.client-jwk="$(cat "$WORK/pvk.jwk")" --portvakt.pvk.delivery.enabled="$1" \
    --portvakt.outbound.allow-local-targets=true --logging.level.root=WARN > "$WORK/portvakt-$1.log" 2>&1 &
  SERVER=$!
  echo "$SERVER" > "$WORK/server-$1.pid"
  for _ in $(seq 1 120); do
    curl -fs "$ISSUER/.well-known/openid-configuration" >/dev/null && return 0
    sleep 0.5
  done
  echo "bench: the server did not start"; cat "$WORK/portvakt-$1.log"; exit 1
}
stop_server() {
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
}
trap 'stop_server; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"; stop_debian_postgres' EXIT

start_server false
bench backlog "$ISSUER" "$CITIZENS" "$CHANGES"
stop_server

# The subscribers start first and wait for the server's pid; the server then drains the outbox.
bench replicate "$ISSUER" "$BENCH_PORT_A" "$BENCH_PORT_B" $((2 * CHANGES)) "$WORK/server-true.pid" "$RATE" \
  "$LAG_SECONDS" &
REPLICATE=$!
start_server true
wait "$REPLICATE"
echo "nproc=$(nproc) commit=$(git rev-parse --short HEAD)"
