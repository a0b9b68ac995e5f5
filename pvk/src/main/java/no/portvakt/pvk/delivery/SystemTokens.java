package no.portvakt.pvk.delivery;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import no.portvakt.pvk.PvkProperties;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PVK's SystemTokens, one per subscriber API and scope, got from Portvakt's token endpoint over HTTP like any
 * partner's (client_credentials, private_key_jwt with PVK's own key, {@code resource} and {@code scope}), and
 * reused until shortly before they expire: never one per message. A failed request is remembered for a moment,
 * so a batch of messages for a subscriber whose token cannot be had asks once, not once per message.
 */
@Component
class SystemTokens {

    private static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration REMEMBER_FAILURE = Duration.ofSeconds(1);

    /** What PVK's token endpoint said, kept until {@code renewAt}. */
    private record Held(String token, String failure, Instant renewAt) {
    }

    private record Key(String resource, String scope) {
    }

    private final Map<Key, Held> held = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();
    private final PvkProperties properties;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final RSAKey key;

    SystemTokens(PvkProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.key = parse(properties.clientJwk());
        if (key == null && properties.delivery().enabled()) {
            LoggerFactory.getLogger(SystemTokens.class).warn("portvakt.pvk.client-jwk is not set: PVK gets no "
                    + "SystemToken, and no privacy setting is delivered until it is");
        }
        this.http = HttpClient.newBuilder().connectTimeout(properties.delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A token for {@code resource} with {@code scope}; throws {@link TokenUnavailable} saying why not. */
    String token(String resource, String scope) {
        Key k = new Key(resource, scope);
        Held current = held.get(k);
        if (current == null || !clock.instant().isBefore(current.renewAt())) {
            synchronized (locks.computeIfAbsent(k, x -> new Object())) {
                current = held.get(k);
                if (current == null || !clock.instant().isBefore(current.renewAt())) {
                    current = request(k);
                    held.put(k, current);
                }
            }
        }
        if (current.token() == null) {
            throw new TokenUnavailable(current.failure());
        }
        return current.token();
    }

    private Held request(Key k) {
        Instant now = clock.instant();
        if (key == null) {
            return failed("portvakt.pvk.client-jwk is not set", now);
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenEndpoint()))
                    .timeout(properties.delivery().readTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                            "grant_type", "client_credentials",
                            "client_id", properties.clientId(),
                            "client_assertion_type", CLIENT_ASSERTION_TYPE,
                            "client_assertion", assertion(now),
                            "resource", k.resource(),
                            "scope", k.scope()))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.statusCode() == 200 || response.statusCode() == 400 ? readJson(response) : null;
            if (response.statusCode() != 200 || body == null || !body.path("access_token").isString()) {
                String error = body == null ? "" : " " + body.path("error").asString("");
                return failed("token endpoint answered HTTP " + response.statusCode() + error, now);
            }
            long lifetime = body.path("expires_in").asLong(60);
            // Renewed a little before it expires: a token must outlive the delivery that carries it.
            long keep = Math.max(lifetime - 30, lifetime / 2);
            return new Held(body.path("access_token").asString(), null, now.plusSeconds(keep));
        } catch (IOException e) {
            return failed("token endpoint: " + e.getClass().getSimpleName(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted", now);
        }
    }

    private JsonNode readJson(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Held failed(String why, Instant now) {
        return new Held(null, why, now.plus(REMEMBER_FAILURE));
    }

    /** RFC 7523 §3: iss and sub PVK's client id, aud the token endpoint, short-lived, a fresh jti. */
    private String assertion(Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.clientId()).subject(properties.clientId())
                .audience(properties.tokenEndpoint())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign PVK's client assertion", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static RSAKey parse(String jwk) {
        if (jwk == null || jwk.isBlank()) {
            return null;
        }
        try {
            RSAKey parsed = RSAKey.parse(jwk);
            if (!parsed.isPrivate() || parsed.getKeyID() == null) {
                throw new IllegalStateException("portvakt.pvk.client-jwk must be a private RSA JWK with a kid");
            }
            return parsed;
        } catch (ParseException e) {
            // The message would quote the key: say only where it is wrong.
            throw new IllegalStateException("portvakt.pvk.client-jwk is not an RSA JWK");
        }
    }

    /** No token could be had; the message says why, without anything secret. */
    static final class TokenUnavailable extends RuntimeException {
        TokenUnavailable(String why) {
            super(why);
        }
    }
}
