package no.portvakt.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A relying party as a real HTTP server: its redirect endpoint records the authorization response that reaches it
 * (by redirect or by form post); {@code /logged-out} is its post-logout page; {@code /backchannel} takes logout
 * tokens (OIDC Back-Channel Logout 1.0), and can be told to fail a number of times first.
 */
public final class StandInRelyingParty {

    /** What reached the callback: the method, and the parameters (query string or form body). */
    public record Callback(String method, String parameters) {
        public URI asUri(String base) {
            return URI.create(base + "/callback?" + parameters);
        }
    }

    private final HttpServer server;
    private final AtomicReference<Callback> last = new AtomicReference<>();
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicReference<String> loggedOut = new AtomicReference<>();
    private final java.util.concurrent.BlockingQueue<String> logoutTokens =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    private StandInRelyingParty(HttpServer server) {
        this.server = server;
    }

    public static StandInRelyingParty start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandInRelyingParty rp = new StandInRelyingParty(server);
            server.createContext("/callback", rp::callback);
            server.createContext("/jwks", rp::jwks);
            server.createContext("/logged-out", rp::loggedOut);
            server.createContext("/backchannel", rp::backchannel);
            server.start();
            return rp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The JWK set this partner publishes at {@code /jwks} (its private_key_jwt keys). */
    public void publishJwks(String jwkSet) {
        jwks.set(jwkSet);
    }

    public Callback takeCallback() {
        return last.getAndSet(null);
    }

    /** The query the post-logout page was last opened with, once. */
    public String takeLoggedOut() {
        return loggedOut.getAndSet(null);
    }

    /** The logout tokens received so far, oldest first, and forgets them. */
    public java.util.List<String> takeLogoutTokens() {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        logoutTokens.drainTo(tokens);
        return tokens;
    }

    /** The back-channel endpoint answers 503 to the next {@code count} deliveries. */
    public void failNextLogouts(int count) {
        failures.set(count);
    }

    private void loggedOut(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        loggedOut.set(query == null ? "" : query);
        page(exchange, "Signed out");
    }

    private void backchannel(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (failures.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        if (body.startsWith("logout_token=")) {
            logoutTokens.add(java.net.URLDecoder.decode(body.substring("logout_token=".length()),
                    StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void callback(HttpExchange exchange) throws IOException {
        String parameters = "POST".equals(exchange.getRequestMethod())
                ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                : exchange.getRequestURI().getRawQuery();
        last.set(new Callback(exchange.getRequestMethod(), parameters == null ? "" : parameters));
        page(exchange, "Signed in");
    }

    private static void page(HttpExchange exchange, String text) throws IOException {
        byte[] body = ("<!DOCTYPE html><html lang=en><title>RP</title><p>" + text + "</p></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
