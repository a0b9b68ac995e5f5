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
 * A relying party's redirect endpoint, as a real HTTP server: it records the authorization response that reaches
 * it (by redirect or by form post) and answers with a plain page.
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

    private StandInRelyingParty(HttpServer server) {
        this.server = server;
    }

    public static StandInRelyingParty start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandInRelyingParty rp = new StandInRelyingParty(server);
            server.createContext("/callback", rp::callback);
            server.createContext("/jwks", rp::jwks);
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
        byte[] body = "<!DOCTYPE html><html lang=en><title>RP</title><p>Signed in</p></html>"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
