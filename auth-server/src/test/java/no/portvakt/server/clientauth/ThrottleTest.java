package no.portvakt.server.clientauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import no.portvakt.server.support.FromAddress;
import no.portvakt.server.support.FromAddress.Answer;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guessing secrets is throttled per client and per source address (the test profile: 5 and 8 failures, a 3 s
 * block): once a limit is reached, the right secret is refused too, with 429 and Retry-After, until the block
 * ends. The count is in PostgreSQL, shared by every instance.
 */
class ThrottleTest extends PortvaktTestBase {

    private static final String GRANT = "grant_type=client_credentials&scope=portvakt.audit&resource="
            + java.net.URLEncoder.encode(ISSUER + "/admin/api", java.nio.charset.StandardCharsets.UTF_8);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aClientWhoseSecretIsGuessedFromAnywhereIsRefusedUntilTheBlockEnds() {
        String client = "test-admin";
        for (int i = 0; i < 5; i++) {
            String from = "127.0.0." + (10 + i); // a guesser spread over addresses
            assertThat(token(from, client + ":wrong-" + i).status()).isEqualTo(401);
        }
        Answer right = token("127.0.0.20", TEST_ADMIN);
        assertThat(right.status()).as(right.body()).isEqualTo(429);
        assertThat(right.headers()).containsKey("retry-after").containsEntry("cache-control", "no-store");
        assertThat(right.body()).contains("\"error\":\"slow_down\"");
        assertThat(Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials"), TEST_ADMIN)
                .statusCode()).as("an exempt address (the suite's own) is never refused").isNotEqualTo(429);
        assertThat(jdbc.sql("select blocked_until is not null from auth_failure where key = 'client:test-admin'")
                .query(Boolean.class).single()).as("recorded where every instance reads it").isTrue();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> token("127.0.0.21", TEST_ADMIN).status() == 200);
    }

    @Test
    void anAddressThatGuessesManyClientsIsRefusedForEveryClient() {
        String guesser = "127.0.0.30";
        for (int i = 0; i < 8; i++) {
            assertThat(token(guesser, "no-such-client-" + i + ":x").status()).isEqualTo(401);
        }
        assertThat(token(guesser, TEST_ADMIN).status()).isEqualTo(429);
        assertThat(FromAddress.postForm(guesser, PORT, "/oauth2/introspect", RESOURCE_SERVER, "token=x").status())
                .isEqualTo(429);
        assertThat(token("127.0.0.31", TEST_ADMIN).status()).as("another address").isEqualTo(200);
    }

    @Test
    void guessedRegistrationTokensAreThrottledToo() {
        String guesser = "127.0.0.40";
        for (int i = 0; i < 8; i++) {
            assertThat(register(guesser, "guess-" + i).status()).isEqualTo(401);
        }
        Answer blocked = register(guesser, "guess-9");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(429);
    }

    private static Answer register(String from, String initialAccessToken) {
        return FromAddress.post(from, PORT, "/register", java.util.Map.of("Authorization", "Bearer "
                + initialAccessToken), "application/json", "{\"grant_types\": [\"client_credentials\"]}");
    }

    private static Answer token(String from, String basic) {
        return FromAddress.postForm(from, PORT, "/oauth2/token", basic, GRANT);
    }
}
