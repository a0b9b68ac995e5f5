package no.portvakt.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The log as a platform reads it: one JSON object per line, naming the request it was written for (the caller's
 * W3C trace id, Portvakt's request id, which the caller also gets); and no secret or token in any line the whole
 * suite wrote (this class runs last).
 */
@Order(Integer.MAX_VALUE)
class LogLinesTest extends PortvaktTestBase {

    private static final Path LOG = Path.of("target/portvakt-test.log");
    /** A signed JWT (ID token, access token, client assertion, logout token), whole or in part. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");

    @Test
    void aRequestsLogLineIsJsonNamingItsTraceAndRequest() throws IOException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "test-rp:not-the-secret-7f3a9".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        String requestId = refused.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f]{16}");

        JsonNode line = Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(requestId)).map(Http::json).findFirst()
                .orElseThrow(() -> new AssertionError("no log line names request " + requestId));
        assertThat(line.get("traceId").asString()).isEqualTo(traceId);
        assertThat(line.get("requestId").asString()).isEqualTo(requestId);
        assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("message").asString()).contains("Refused client test-rp", "invalid_client");
        assertThat(line.get("service").get("name").asString()).isEqualTo("portvakt");
        assertThat(line.has("@timestamp")).isTrue();
    }

    @Test
    void noLineTheSuiteWroteHoldsASecretOrAToken() throws IOException {
        List<String> secrets = new ArrayList<>(List.of("not-the-secret-7f3a9"));
        secrets.addAll(values(Path.of("src/test/resources/bootstrap-test.yml"), "secret"));
        secrets.addAll(values(Path.of("src/test/resources/application-test.yml"), "kek", "pairwise-secret"));
        for (RSAKey key : List.of(SYSTEM_CLIENT_KEY, PVK_CLIENT_KEY, IDPORTEN_CLIENT_KEY)) {
            secrets.add(key.getPrivateExponent().toString());
        }
        assertThat(secrets).hasSizeGreaterThan(8);

        List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        assertThat(lines).as("the suite's log").hasSizeGreaterThan(10);
        List<String> leaks = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add("line " + (n + 1) + " holds a secret: " + line);
                }
            }
            if (JWT.matcher(line).find()) {
                leaks.add("line " + (n + 1) + " holds a token: " + line);
            }
        }
        assertThat(leaks).isEmpty();
    }

    /** The values of {@code keys} in a YAML file, as written there. */
    private static List<String> values(Path yaml, String... keys) throws IOException {
        String text = Files.readString(yaml);
        List<String> found = new ArrayList<>();
        for (String key : keys) {
            Matcher value = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*(\\S+)\\s*$").matcher(text);
            while (value.find()) {
                found.add(value.group(1));
            }
        }
        return found;
    }
}
