package no.portvakt.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.databind.JsonNode;

/**
 * A PVK subscriber as a real HTTP server: it verifies the SystemToken as the partner guide says (Portvakt's
 * JWKS, its API as audience, the store scope), records every message that arrives, and stores each citizen's
 * setting idempotently (by message id and sequence number). A test scripts its answers: a status for the next
 * requests, a hang, or the whole server down and up again on the same port.
 */
public final class StandInSubscriber {

    /** One request that reached the subscriber, with what it answered. */
    public record Arrival(Instant at, JsonNode body, String idempotencyKey, Jwt token, int answered) {

        public String key() {
            return body.path("innbyggerFnr").asString() + "/" + body.path("definisjonGuid").asString();
        }

        public long sequence() {
            return body.path("sekvensnummer").asLong();
        }
    }

    /**
     * What the next request gets: a status with headers (0: as usual), after {@code delayMillis}; or a hang until
     * the test releases it.
     */
    private record Answer(int status, Map<String, String> headers, boolean hang, long delayMillis) {
    }

    private final int port;
    private final JwtDecoder decoder;
    private final String storeScope;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> stored = new HashMap<>();
    private final Map<String, Boolean> state = new HashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private volatile long delayMillis;

    private StandInSubscriber(int port, JwtDecoder decoder, String storeScope) {
        this.port = port;
        this.decoder = decoder;
        this.storeScope = storeScope;
    }

    public static StandInSubscriber start(String portvaktIssuer, String resource, String storeScope) {
        StandInSubscriber subscriber = new StandInSubscriber(PortvaktTestBase.freePort(),
                StandInPartnerApi.partnerGuideDecoder(portvaktIssuer, resource), storeScope);
        subscriber.up();
        return subscriber;
    }

    public String url() {
        return "http://localhost:" + port + "/personverninnstillinger";
    }

    /** Starts (again) on the same port. */
    public synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/personverninnstillinger", this::receive);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening: connections are refused. */
    public synchronized void down() {
        server.stop(0);
    }

    /** The next {@code times} requests are answered {@code status} with {@code headers}, before any message is read. */
    public void answer(int status, int times, Map<String, String> headers) {
        for (int i = 0; i < times; i++) {
            script.add(new Answer(status, headers, false, 0));
        }
    }

    /** The next request is held without an answer (until {@link #release()}). */
    public void hangOnce() {
        script.add(new Answer(0, Map.of(), true, 0));
    }

    /** Every request from now on is answered only after {@code delay}. */
    public void slow(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** The next request is taken and answered as usual, but only after {@code delay}. */
    public void slowOnce(java.time.Duration delay) {
        script.add(new Answer(0, Map.of(), false, delay.toMillis()));
    }

    public void release() {
        released.countDown();
    }

    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** The arrivals that were received (2xx). */
    public List<Arrival> received() {
        return arrivals().stream().filter(a -> a.answered() / 100 == 2).toList();
    }

    /** What the subscriber holds: each citizen's setting by key (pid/guid), after idempotent storing. */
    public synchronized Map<String, Boolean> state() {
        return new LinkedHashMap<>(state);
    }

    public void stop() {
        release();
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                sleep(delayMillis);
            }
            Answer scripted = script.poll();
            if (scripted != null && scripted.hang()) {
                await();
                return;
            }
            if (scripted != null && scripted.delayMillis() > 0) {
                sleep(scripted.delayMillis());
            }
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            Jwt token;
            try {
                token = decoder.decode(header == null ? "" : header.replaceFirst("^Bearer ", ""));
            } catch (JwtException e) {
                respond(exchange, 401);
                return;
            }
            JsonNode body = Http.json(new String(raw, StandardCharsets.UTF_8));
            int status = scripted != null && scripted.status() != 0 ? scripted.status()
                    : token.getClaimAsString("scope").contains(storeScope) ? 204 : 403;
            if (scripted != null && scripted.status() != 0) {
                scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            }
            arrivals.add(new Arrival(Instant.now(), body, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    token, status));
            if (status / 100 == 2) {
                store(body);
            }
            respond(exchange, status);
        }
    }

    /** The partner guide's rule: a message whose sequence is not above the last stored for its key is dropped. */
    private synchronized void store(JsonNode body) {
        String key = body.path("innbyggerFnr").asString() + "/" + body.path("definisjonGuid").asString();
        long sequence = body.path("sekvensnummer").asLong();
        if (stored.getOrDefault(key, 0L) >= sequence) {
            return;
        }
        stored.put(key, sequence);
        state.put(key, body.path("status").asBoolean());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void await() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }
}
