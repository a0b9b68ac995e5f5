package no.portvakt.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A partner's API as a real HTTP server, verifying Portvakt's tokens the way docs/partner-guide.md tells partners
 * to (Spring Security's decoder, the JWKS, RFC 9068 validation with this API's audience), and serving each
 * citizen's records to a token that carries the read scope.
 */
public final class StandInPartnerApi {

    private final HttpServer server;
    private final JwtDecoder decoder;
    private final String readScope;

    private StandInPartnerApi(HttpServer server, JwtDecoder decoder, String readScope) {
        this.server = server;
        this.decoder = decoder;
        this.readScope = readScope;
    }

    /** The partner guide's Java example: how a partner API verifies Portvakt's tokens. */
    public static JwtDecoder partnerGuideDecoder(String portvaktIssuer, String myResource) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(portvaktIssuer)
                .validateType(false) // typ is checked below, as RFC 9068 says: at+jwt
                .build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .issuer(portvaktIssuer)
                .audience(myResource)
                .validators(v -> v.put("client_id", jwt -> jwt.hasClaim("client_id")
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token"))))
                .build());
        return decoder;
    }

    public static StandInPartnerApi start(String portvaktIssuer, String resource, String readScope) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandInPartnerApi api = new StandInPartnerApi(server, partnerGuideDecoder(portvaktIssuer, resource),
                    readScope);
            server.createContext("/records", api::records);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/records";
    }

    public void stop() {
        server.stop(0);
    }

    private void records(HttpExchange exchange) throws IOException {
        String token = bearer(exchange);
        if (token == null) {
            respond(exchange, 401, "{\"error\":\"invalid_request\"}");
            return;
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        String scope = jwt.getClaimAsString("scope");
        if (scope == null || !List.of(scope.split(" ")).contains(readScope)) {
            respond(exchange, 403, "{\"error\":\"insufficient_scope\"}");
            return;
        }
        String citizen = citizen(jwt);
        if (citizen == null) {
            respond(exchange, 403, "{\"error\":\"no citizen in the token\"}");
            return;
        }
        respond(exchange, 200, "{\"pid\":\"" + citizen + "\",\"records\":[\"Vaksine 2025\"]}");
    }

    /** The citizen a token is for: {@code pid} (citizen-bound token) or authorization_details (SystemToken). */
    private static String citizen(Jwt jwt) {
        if (jwt.hasClaim("pid")) {
            return jwt.getClaimAsString("pid");
        }
        Object details = jwt.getClaim("authorization_details");
        if (details instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
                && "citizen".equals(first.get("type"))) {
            return String.valueOf(first.get("pid"));
        }
        return null;
    }

    /** {@code Authorization: Bearer}, or {@code X-Authorization: Bearer} where Basic already takes the first. */
    private static String bearer(HttpExchange exchange) {
        for (String header : List.of("X-Authorization", "Authorization")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return value.substring(7).trim();
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
