import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PVK's replication benchmark (bench/pvk-bench.sh runs it; the classpath is nimbus from the server's jar).
 * <ul>
 *   <li>{@code key DIR}: PVK's key pair for the run (private JWK, public JWKS);</li>
 *   <li>{@code backlog ISSUER CITIZENS CHANGES}: imports synthetic citizens and makes CHANGES changes through the
 *       admin API while the server delivers nothing;</li>
 *   <li>{@code replicate ISSUER PORT_A PORT_B EXPECTED PIDFILE RATE SECONDS [TURN_ON]}: two stand-in subscribers
 *       (verifying every token's signature, checking the order per key) start first; once the server (its pid in
 *       PIDFILE) delivers, they receive the backlog of EXPECTED deliveries: the drain rate and the server's CPU per
 *       delivery. Then changes at RATE a second for SECONDS: the lag from each change to its receipt.</li>
 * </ul>
 */
public class PvkBench {

    static final String DEFINITION = "7c3e9a10-4b2d-4f6e-8a1c-0d9e8f7a6b5c";
    static final String OPERATOR = "bench-operator:bench-operator-secret-0123456789-0123456789-0123";
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "key" -> key(Path.of(args[1]));
            case "backlog" -> backlog(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "replicate" -> replicate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Path.of(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                    args.length < 9 || Boolean.parseBoolean(args[8]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    static void key(Path dir) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("pvk-bench").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        Files.writeString(dir.resolve("pvk.jwk"), key.toJSONString());
        Files.writeString(dir.resolve("pvk-jwks.json"), new JWKSet(key.toPublicJWK()).toString());
    }

    // ---- the backlog, through the admin API -------------------------------------------------------------

    static void backlog(String issuer, int citizens, int changes) throws Exception {
        String token = adminToken(issuer);
        List<String> pids = pids(citizens);
        StringBuilder document = new StringBuilder("{\"citizens\": [");
        for (int i = 0; i < pids.size(); i++) {
            document.append(i == 0 ? "" : ",").append("{\"pid\":\"").append(pids.get(i))
                    .append("\",\"given_name\":\"Bench\",\"family_name\":\"Citizen").append(i).append("\"}");
        }
        document.append("]}");
        HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(issuer + "/admin/api/citizens/import"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(document.toString())).build());
        check(imported, "import");
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(16);
        AtomicLong failed = new AtomicLong();
        for (int n = 0; n < changes; n++) {
            String pid = pids.get(n % citizens);
            boolean active = (n / citizens) % 2 == 0; // each round turns every citizen's setting the other way
            inFlight.acquire();
            HTTP.sendAsync(change(issuer, token, pid, active), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200 || !r.body().contains("\"changed\":true")) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(16);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT backlog changes=%d citizens=%d seconds=%.1f changes_per_second=%.0f failed=%d%n",
                changes, citizens, seconds, changes / seconds, failed.get());
    }

    static HttpRequest change(String issuer, String token, String pid, boolean active) {
        return HttpRequest.newBuilder(URI.create(issuer + "/admin/api/pvk/settings"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"innbyggerFnr\":\"" + pid + "\",\"definisjonGuid\":\""
                        + DEFINITION + "\",\"aktiv\":" + active + "}")).build();
    }

    /** Synthetic fødselsnumre (month + 80), valid mod 11, distinct. */
    static List<String> pids(int count) {
        List<String> pids = new ArrayList<>();
        for (int serial = 0; pids.size() < count; serial++) {
            int day = 1 + serial % 28, month = 81 + (serial / 28) % 12, year = 60 + (serial / 336) % 40;
            int individual = 100 + (serial / 13440) % 400;
            String nine = String.format("%02d%02d%02d%03d", day, month, year, individual);
            String fnr = withCheckDigits(nine);
            if (fnr != null) {
                pids.add(fnr);
            }
        }
        return pids;
    }

    static String withCheckDigits(String nine) {
        int[] d = nine.chars().map(c -> c - '0').toArray();
        int k1 = 11 - (3 * d[0] + 7 * d[1] + 6 * d[2] + d[3] + 8 * d[4] + 9 * d[5] + 4 * d[6] + 5 * d[7] + 2 * d[8]) % 11;
        k1 = k1 == 11 ? 0 : k1;
        if (k1 == 10) {
            return null;
        }
        int k2 = 11 - (5 * d[0] + 4 * d[1] + 3 * d[2] + 2 * d[3] + 7 * d[4] + 6 * d[5] + 5 * d[6] + 4 * d[7]
                + 3 * d[8] + 2 * k1) % 11;
        k2 = k2 == 11 ? 0 : k2;
        return k2 == 10 ? null : nine + k1 + k2;
    }

    // ---- the subscribers ----------------------------------------------------------------------------------

    /** A subscriber as the partner guide tells: verify the token, keep the highest sequence per key. */
    static final class Subscriber {
        static final Pattern PID = Pattern.compile("\"innbyggerFnr\":\"(\\d{11})\"");
        static final Pattern SEQUENCE = Pattern.compile("\"sekvensnummer\":(\\d+)");
        static final Pattern CHANGED = Pattern.compile("\"endretTidspunkt\":\"([^\"]+)\"");

        final Map<String, Long> highest = new ConcurrentHashMap<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final List<Long> lagsMillis = Collections.synchronizedList(new ArrayList<>());
        volatile long firstNanos;
        volatile long lastNanos;
        volatile Instant lagFrom = Instant.MAX;
        final String issuer;
        final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();
        final HttpServer server;

        Subscriber(int port, String issuer) throws Exception {
            this.issuer = issuer;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/personverninnstillinger", this::receive);
            server.start();
        }

        void receive(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                SignedJWT jwt = authorization == null ? null : SignedJWT.parse(authorization.substring(7));
                if (jwt == null || !jwt.verify(verifier(jwt.getHeader().getKeyID()))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                long now = System.nanoTime();
                Instant arrived = Instant.now();
                Matcher pid = PID.matcher(body), sequence = SEQUENCE.matcher(body), changed = CHANGED.matcher(body);
                if (!pid.find() || !sequence.find() || !changed.find()) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                long seq = Long.parseLong(sequence.group(1));
                Long before = highest.put(pid.group(1), Math.max(seq, highest.getOrDefault(pid.group(1), 0L)));
                if (before != null && before == seq) {
                    duplicates.incrementAndGet();
                } else if (before != null && before > seq) {
                    outOfOrder.incrementAndGet();
                }
                Instant changedAt = Instant.parse(changed.group(1));
                if (!changedAt.isBefore(lagFrom)) {
                    lagsMillis.add(java.time.Duration.between(changedAt, arrived).toMillis());
                }
                if (received.getAndIncrement() == 0) {
                    firstNanos = now;
                }
                lastNanos = now;
                exchange.sendResponseHeaders(204, -1);
            } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
                exchange.sendResponseHeaders(401, -1);
            }
        }

        /** Portvakt's key by kid, from its JWKS (read again for an unknown kid, as partners are told). */
        JWSVerifier verifier(String kid) throws com.nimbusds.jose.JOSEException {
            JWSVerifier known = verifiers.get(kid);
            if (known != null) {
                return known;
            }
            try {
                RSAKey key = (RSAKey) JWKSet.load(URI.create(issuer + "/oauth2/jwks").toURL()).getKeyByKeyId(kid);
                JWSVerifier verifier = new RSASSAVerifier(key);
                verifiers.put(kid, verifier);
                return verifier;
            } catch (IOException | java.text.ParseException e) {
                throw new com.nimbusds.jose.JOSEException("no JWKS: " + e.getMessage());
            }
        }
    }

    static void replicate(String issuer, int portA, int portB, int expected, Path pidFile, int rate, int seconds,
                          boolean turnOn) throws Exception {
        Subscriber a = new Subscriber(portA, issuer), b = new Subscriber(portB, issuer);
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            Thread.sleep(50);
        }
        long serverPid = Long.parseLong(Files.readString(pidFile).strip());
        long started = System.nanoTime();
        while (a.received.get() + b.received.get() == 0 && expected > 0 && System.nanoTime() - started < 120e9) {
            Thread.sleep(20);
        }
        long cpuBefore = cpuMillis(serverPid); // from the first receipt: start-up not counted
        while (a.received.get() + b.received.get() < expected && System.nanoTime() - started < 900e9) {
            Thread.sleep(100);
        }
        long total = a.received.get() + b.received.get();
        double drainSeconds = (Math.max(a.lastNanos, b.lastNanos) - Math.min(a.firstNanos, b.firstNanos)) / 1e9;
        long cpu = cpuMillis(serverPid) - cpuBefore;
        System.out.printf("RESULT drain deliveries=%d seconds=%.1f deliveries_per_second=%.0f"
                        + " server_cpu_ms_per_delivery=%.3f out_of_order=%d duplicates=%d%n", total, drainSeconds,
                total / drainSeconds, cpu / (double) total, a.outOfOrder.get() + b.outOfOrder.get(),
                a.duplicates.get() + b.duplicates.get());
        lag(issuer, a, b, rate, seconds, serverPid, turnOn);
    }

    static void lag(String issuer, Subscriber a, Subscriber b, int rate, int seconds, long serverPid, boolean turnOn)
            throws Exception {
        for (int tries = 0; tries < 240; tries++) { // the server up (when no backlog told us so)
            try {
                if (send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build())
                        .statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        String token = adminToken(issuer);
        List<String> pids = pids(10_000);
        // The restarted server is cold (its JIT compiles Spring's request path for a minute): the first WARMUP
        // seconds of changes are not measured.
        int warmup = rate * Integer.getInteger("warmup", 60);
        int total = rate * seconds;
        long start = System.nanoTime();
        long cpuBefore = 0;
        for (int n = 0; n < warmup + total; n++) {
            if (n == warmup) {
                Instant from = Instant.now();
                a.lagFrom = from;
                b.lagFrom = from;
                cpuBefore = cpuMillis(serverPid);
            }
            long wait = start + (long) (n * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            // Each change turns a citizen's setting to what it was not: an even number of backlog rounds left all
            // off, and a run of the lag alone (TURN_ON) says which way they are.
            String pid = pids.get(n % pids.size());
            HTTP.sendAsync(change(issuer, token, pid, ((n / pids.size()) % 2 == 0) == turnOn),
                    HttpResponse.BodyHandlers.discarding());
        }
        long cpu = cpuMillis(serverPid) - cpuBefore;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (a.lagsMillis.size() + b.lagsMillis.size() < 2L * total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> lags = new ArrayList<>(a.lagsMillis);
        lags.addAll(b.lagsMillis);
        Collections.sort(lags);
        System.out.printf("RESULT lag changes_per_second=%d seconds=%d deliveries=%d of=%d p50_ms=%d p99_ms=%d max_ms=%d"
                        + " server_cpu_percent_of_one_core=%.0f out_of_order=%d%n", rate, seconds, lags.size(), 2 * total,
                percentile(lags, 50), percentile(lags, 99), lags.isEmpty() ? -1 : lags.get(lags.size() - 1),
                cpu / 10.0 / seconds, a.outOfOrder.get() + b.outOfOrder.get());
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** The server's CPU time so far (user + system), from /proc. */
    static long cpuMillis(long pid) throws IOException {
        String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    static String adminToken(String issuer) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(OPERATOR.getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=portvakt.admin"
                        + "&resource=" + java.net.URLEncoder.encode(issuer + "/admin/api", StandardCharsets.UTF_8)))
                .build());
        check(response, "admin token");
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        token.find();
        return token.group(1);
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
