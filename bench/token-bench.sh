#!/usr/bin/env bash
# The token endpoint benchmark. Portvakt and the load tool (wrk) share this machine, on loopback.
#  1. client_credentials with client_secret_basic, after a warm-up;
#  2. client_credentials with private_key_jwt, a fresh assertion (its own jti) per request: the assertions are
#     signed just before the run (each lives 120 s), so the load tool spends no CPU on signing while measured;
#     30 s of warm-up of its own (its path differs from the secret's);
#  3. token exchange (RFC 8693) of a logged-in citizen's access token (TestID, fetched once) for a citizen-bound
#     token, audited like every token in a citizen's name, after 30 s of warm-up of its own;
#  4. the machine's raw RS256 signing rate (the server idle), measured for 4 s before each of an endpoint's
#     SLICES slices of its DURATION and once after the last: its share is of the mean of these, since this
#     machine's speed drifts by tens of percent within minutes (a rate measured only before and after a 30-s run
#     had differed by a quarter). Two rates: the JDK's (the speed bar's reference, what most Java servers sign
#     with) and AWS-LC's (what Portvakt signs with where it loads, `Rs256Signatures`); a share of each is reported.
#
# The server jar runs on Debian's PostgreSQL (installed if missing), in a throwaway cluster on this machine too.
#
# Usage: bench/token-bench.sh      (env: WARMUP=60 DURATION=30 SLICES=3 CONNECTIONS=32 THREADS=2 PORT=18080)
#        BENCH_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/portvakt.jfr' to profile the server (JFR)
#        PORTVAKT_KEYS_NATIVE_SIGNING=false to have the server sign with the JDK instead
#        INSTANCES=2 to run two servers on the one PostgreSQL (ports PORT and PORT+1), the connections shared
#          between them: the tokens a second of both together
#        GROWTH=1 to measure everything again once the registry and the tables have grown to a large production's
#          size (bench/growth.sql: 100,000 partners' clients and APIs, 10 million audit records, 10 million expired
#          authorizations, which housekeeping deletes every 10 s meanwhile): both rounds reported
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-60} DURATION=${DURATION:-30} SLICES=${SLICES:-3} CONNECTIONS=${CONNECTIONS:-32} THREADS=${THREADS:-2}
PORT=${PORT:-18080} INSTANCES=${INSTANCES:-1} GROWTH=${GROWTH:-0}
ISSUER="http://localhost:$PORT"
# Each instance's load tool gets its share of the threads and connections.
WRK_THREADS=$(( THREADS / INSTANCES > 0 ? THREADS / INSTANCES : 1 ))

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

./mvnw -q -B -DskipTests package
# The server jar has no embedded PostgreSQL (it is for the dev run and the tests): Debian's, as in production.
. .ci/debian-postgres.sh
start_debian_postgres "$((PORT + 10))"
JAR=$(ls auth-server/target/portvakt-auth-server-*-exec.jar | head -n 1)
WORK=$(mktemp -d /tmp/portvakt-bench.XXXXXX)
java bench/AssertionPool.java key "$WORK"
# AWS-LC's jar, from the server's own, for the signing rate and the assertions.
ACCP_ENTRY=$(jar tf "$JAR" | grep '^BOOT-INF/lib/AmazonCorrettoCryptoProvider-.*\.jar$')
(cd "$WORK" && jar xf "$OLDPWD/$JAR" "$ACCP_ENTRY")
ACCP="$WORK/$ACCP_ENTRY"
export BENCH_JWKS; BENCH_JWKS=$(cat "$WORK/jwks.json")
SERVERS=()
trap 'kill "${SERVERS[@]}" 2>/dev/null || true; wait "${SERVERS[@]}" 2>/dev/null || true; rm -rf "$WORK"; stop_debian_postgres' EXIT
start_server() { # n: instance n (from 0) on PORT + n; every instance the same issuer, secrets and database
  local port=$(( PORT + $1 ))
  java -Xms512m -Xmx1g ${BENCH_JVM_OPTS:-} -jar "$JAR" --server.port="$port" --management.server.port=0 \
    --portvakt.issuer="$ISSUER" --portvakt.bootstrap=file:bench/bootstrap-bench.yml \
    --portvakt.dev-secrets-file="$WORK/secrets.properties" --portvakt.testid.enabled=true \
    $([ "$GROWTH" = 1 ] && echo --portvakt.housekeeping.interval=10s) --logging.structured.format.console= \
    --logging.level.root=WARN \
    --logging.level.no.portvakt.server.keys.Rs256Signatures=INFO > "$WORK/portvakt-$1.log" 2>&1 &
  SERVERS+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$port/.well-known/openid-configuration" >/dev/null && return 0
    sleep 1
  done
  echo "bench: instance $1 did not start"; cat "$WORK/portvakt-$1.log"; exit 1
}
# One after the other: the first creates the secrets file and the signing key the others read.
for n in $(seq 0 $(( INSTANCES - 1 ))); do start_server "$n"; done

export BENCH_BASIC
BENCH_BASIC=$(printf '%s' "bench-system:bench-system-secret-0123456789-0123456789-0123456789" | base64 -w0)
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Basic $BENCH_BASIC" \
  -d 'grant_type=client_credentials&scope=records.read&resource=https%3A%2F%2Fapi.bench-partner.example%2Frecords' \
  "$ISSUER/oauth2/token")
[ "$STATUS" = 200 ] || { echo "bench: a token request failed with $STATUS"; cat "$WORK/portvakt-0.log"; exit 1; }

load() { # script seconds: every instance at once, the connections shared; one RESULT line for them all
  local n pids=() assertions
  for n in $(seq 0 $(( INSTANCES - 1 ))); do
    assertions=${BENCH_ASSERTIONS:-}
    if [ -n "$assertions" ]; then # each instance's load its own assertions: a jti is accepted once
      assertions="$WORK/assertions-$n.txt"
      awk -v all="$INSTANCES" -v n="$n" 'NR % all == n' "$BENCH_ASSERTIONS" > "$assertions"
    fi
    BENCH_ASSERTIONS="$assertions" BENCH_THREADS="$WRK_THREADS" wrk -t"$WRK_THREADS" \
      -c"$(( CONNECTIONS / INSTANCES ))" -d"${2}s" -s "$1" "http://localhost:$(( PORT + n ))/oauth2/token" \
      > "$WORK/wrk-$n.out" &
    pids+=($!)
  done
  wait "${pids[@]}"
  cat "$WORK"/wrk-*.out | grep '^RESULT' | awk '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); k = kv[1]; v = kv[2] + 0
      if (k == "seconds" || k ~ /^p[0-9]+_ms$/) { if (v > m[k]) m[k] = v } else m[k] += v }
  } END { printf "RESULT requests=%d seconds=%.2f non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    m["requests"], m["seconds"], m["non2xx"], m["errors"], m["p50_ms"], m["p99_ms"] }'
  rm -f "$WORK"/wrk-*.out
}
sign_rate() { # prints "JDK AWS-LC", RS256 signatures per second of each
  local result; result=$(java -cp "$ACCP" bench/SignRate.java 4 | grep '^RESULT')
  local jdk=${result#*jdk_per_second=} aws_lc=${result#*aws_lc_per_second=}
  echo "${jdk%% *} ${aws_lc%% *}"
}
calc() { # a b expression: the expression of two decimals
  awk -v a="$1" -v b="$2" "BEGIN { print $3 }"
}
measured() { # command...: run as "command... SECONDS" once per slice; one RESULT line for all, with the rates
  local slice=$(( DURATION / SLICES )) rates=() native_rates=() result requests=0 seconds=0 non2xx=0 p50=0 p99=0
  local kv i jdk aws_lc
  for i in $(seq 1 "$SLICES"); do
    read -r jdk aws_lc < <(sign_rate); rates+=("$jdk"); native_rates+=("$aws_lc")
    result=$("$@" "$slice")
    for kv in $result; do case $kv in
      requests=*) requests=$(( requests + ${kv#*=} )) ;;
      non2xx=*) non2xx=$(( non2xx + ${kv#*=} )) ;;
      seconds=*) seconds=$(calc "$seconds" "${kv#*=}" 'a + b') ;;
      p50_ms=*) p50=$(calc "$p50" "${kv#*=}" '(b > a) ? b : a') ;;
      p99_ms=*) p99=$(calc "$p99" "${kv#*=}" '(b > a) ? b : a') ;;
    esac; done
  done
  read -r jdk aws_lc < <(sign_rate); rates+=("$jdk"); native_rates+=("$aws_lc")
  echo "RESULT requests=$requests seconds=$seconds non2xx=$non2xx p50_ms=$p50 p99_ms=$p99" \
    "rate=$(mean "${rates[@]}") rates=$(IFS=/; echo "${rates[*]}")" \
    "native_rate=$(mean "${native_rates[@]}") native_rates=$(IFS=/; echo "${native_rates[*]}")"
}
mean() { # integers...
  local sum=0 n; for n in "$@"; do sum=$(( sum + n )); done; echo $(( sum / $# ))
}
# A fresh pool for each run (a jti is accepted once), enough for up to 5,000 tokens/s.
jwt_pool() { # seconds
  java -cp "$ACCP" bench/AssertionPool.java sign "$WORK" $(( $1 * 5000 )) "$ISSUER" bench-jwt
}
jwt_load() { # seconds: with a fresh pool, signed before the load starts
  jwt_pool "$1" && BENCH_ASSERTIONS="$WORK/assertions.txt" load bench/private-key-jwt.lua "$1"
}
export BENCH_PORTAL_BASIC BENCH_SUBJECT_TOKEN
BENCH_PORTAL_BASIC=$(printf '%s' "bench-portal:bench-portal-secret-0123456789-0123456789-0123456789" | base64 -w0)
BENCH_SUBJECT_TOKEN=$(java bench/SubjectToken.java "$ISSUER" bench-portal \
  bench-portal-secret-0123456789-0123456789-0123456789 http://localhost/bench-callback 28816196088)

REPORTS=()
round() { # label: warm-up and the three measurements, each reported under the label
  echo "bench: $1: warming up for ${WARMUP}s"
  load bench/client-credentials.lua "$WARMUP" >/dev/null
  echo "bench: $1: client_secret_basic, ${DURATION}s at $CONNECTIONS connections"
  REPORTS+=("$1, client_secret_basic|$(measured load bench/client-credentials.lua)")
  echo "bench: $1: private_key_jwt warm-up"
  jwt_load 30 >/dev/null
  echo "bench: $1: private_key_jwt, ${DURATION}s at $CONNECTIONS connections"
  REPORTS+=("$1, private_key_jwt|$(measured jwt_load)")
  echo "bench: $1: token exchange warm-up"
  load bench/token-exchange.lua 30 >/dev/null
  echo "bench: $1: token exchange, ${DURATION}s at $CONNECTIONS connections"
  REPORTS+=("$1, token exchange|$(measured load bench/token-exchange.lua)")
}
SHAPE="$INSTANCES instance(s)"
round "$SHAPE"
if [ "$GROWTH" = 1 ]; then
  echo "bench: growing the registry and the tables (bench/growth.sql)"
  START=$(date +%s)
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$((PORT + 10))" -U postgres -v ON_ERROR_STOP=1 -f bench/growth.sql >/dev/null
  echo "bench: grown in $(( $(date +%s) - START )) s"
  expired() { "$PGBIN/psql" -tA -h 127.0.0.1 -p "$((PORT + 10))" -U postgres \
    -c "select count(*) from oauth2_authorization where id like 'growth-%'"; }
  EXPIRED_BEFORE=$(expired)
  round "$SHAPE, grown"
  EXPIRED_AFTER=$(expired)
fi

kill "${SERVERS[@]}"; wait "${SERVERS[@]}" 2>/dev/null || true
SIGNER=$(grep -o 'RS256 signatures by .*' "$WORK/portvakt-0.log" | head -n 1 || true)

report() { # label result
  local requests seconds non2xx p50_ms p99_ms rate rates native_rate native_rates kv
  for kv in $2; do case $kv in *=*) local "${kv%%=*}=${kv#*=}" ;; esac; done
  awk -v l="$1" -v n="$requests" -v t="$seconds" -v s="$rate" -v p50="$p50_ms" -v p99="$p99_ms" -v bad="$non2xx" \
      -v c="$CONNECTIONS" -v r="$rates" -v ns="$native_rate" -v nr="$native_rates" 'BEGIN {
    printf "%s: %.0f tokens/s at %d connections, p50 %s ms, p99 %s ms (slowest slice), non-2xx %s, %.0f%% of the JDK RS256 signing rate (%d/s: %s), %.0f%% of AWS-LC (%d/s: %s)\n",
      l, n / t, c, p50, p99, bad, 100 * n / t / s, s, r, (ns > 0 ? 100 * n / t / ns : 0), ns, nr }'
}
echo "bench: ${SIGNER:-the server did not say what signs its tokens}"

for entry in "${REPORTS[@]}"; do report "${entry%%|*}" "${entry#*|}"; done
if [ "$GROWTH" = 1 ]; then
  echo "bench: expired authorizations of the 10 million: $EXPIRED_BEFORE when the grown round began," \
    "$EXPIRED_AFTER when it ended (housekeeping deletes them every 10 s)"
fi
