package no.portvakt.server.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/** private_key_jwt client authentication (RFC 7523 §2.2 and §3), at the token endpoint. */
class PrivateKeyJwtTest extends PortvaktTestBase {

    private static final String CLIENT = "test-system";

    @Test
    void aFreshAssertionSignedWithTheRegisteredKeyAuthenticatesTheClient() {
        HttpResponse<String> response = tokenRequest(assertion(SYSTEM_CLIENT_KEY, c -> { }));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("access_token").asString()).isNotBlank();
    }

    @Test
    void anAssertionIsAcceptedOnlyOnce() {
        String assertion = assertion(SYSTEM_CLIENT_KEY, c -> { });
        assertThat(tokenRequest(assertion).statusCode()).isEqualTo(200);
        assertInvalidClient(tokenRequest(assertion));
    }

    @Test
    void anAssertionUsedAtOneEndpointIsRefusedAtAnother() {
        // A client_credentials grant signs its token while the jti is recorded; revocation waits for it first.
        String first = assertion(SYSTEM_CLIENT_KEY, c -> { });
        assertThat(tokenRequest(first).statusCode()).isEqualTo(200);
        assertInvalidClient(revocation(first));

        String second = assertion(SYSTEM_CLIENT_KEY, c -> { });
        assertThat(revocation(second).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = tokenRequest(second);
        assertInvalidClient(replayed);
        assertThat(Http.json(replayed).get("error_description").asString()).contains("used before");
        assertThat(replayed.body()).doesNotContain("access_token");
    }

    @Test
    void anAssertionWithANullAudienceIsRefused() {
        assertInvalidClient(tokenRequest(assertion(SYSTEM_CLIENT_KEY,
                c -> c.audience(java.util.Arrays.asList((String) null)))));
    }

    @Test
    void aTokenRequestWithoutGrantTypeIsAClearError() {
        HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", Http.form("client_id", CLIENT,
                "client_assertion_type", ClientAssertions.JWT_BEARER,
                "client_assertion", assertion(SYSTEM_CLIENT_KEY, c -> { })));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        // RFC 6749 §5.2: a missing required parameter.
        assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void anAssertionSentManyTimesAtOnceIsAcceptedOnceAndTheOthersOfItsBatchStillCount() throws Exception {
        String replayed = assertion(SYSTEM_CLIENT_KEY, c -> { });
        List<String> fresh = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> assertion(SYSTEM_CLIENT_KEY, c -> { })).toList();
        List<String> sent = new java.util.ArrayList<>(fresh);
        for (int i = 0; i < 8; i++) {
            sent.add(replayed);
        }
        java.util.Collections.shuffle(sent);
        // Concurrent requests share the replay guard's insert: a jti twice in one batch is still one use.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = pool.invokeAll(sent.stream()
                    .map(a -> (java.util.concurrent.Callable<HttpResponse<String>>) () -> tokenRequest(a)).toList());
            int acceptedReplays = 0;
            for (int i = 0; i < sent.size(); i++) {
                int status = answers.get(i).get().statusCode();
                if (sent.get(i).equals(replayed)) {
                    acceptedReplays += status == 200 ? 1 : 0;
                    assertThat(status).isIn(200, 401);
                } else {
                    assertThat(status).as("a fresh assertion in the same batch").isEqualTo(200);
                }
            }
            assertThat(acceptedReplays).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAssertionLivingLongerThan120SecondsIsRefused() {
        assertInvalidClient(tokenRequest(assertion(SYSTEM_CLIENT_KEY,
                c -> c.expirationTime(Date.from(Instant.now().plusSeconds(600))))));
    }

    @Test
    void anExpiredAssertionIsRefused() {
        assertInvalidClient(tokenRequest(assertion(SYSTEM_CLIENT_KEY,
                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60))))));
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() {
        assertInvalidClient(tokenRequest(assertion(SYSTEM_CLIENT_KEY,
                c -> c.audience("https://another-authorization-server.example"))));
    }

    @Test
    void anAssertionWithoutJtiIsRefused() {
        assertInvalidClient(tokenRequest(assertion(SYSTEM_CLIENT_KEY, c -> c.jwtID(null))));
    }

    @Test
    void anAssertionSignedWithAnUnregisteredKeyIsRefused() {
        RSAKey stranger = rsaKey(SYSTEM_CLIENT_KEY.getKeyID());
        assertInvalidClient(tokenRequest(assertion(stranger, c -> { })));
    }

    @Test
    void anAssertionNamingAnotherIssuerIsRefused() {
        assertInvalidClient(tokenRequest(assertion(SYSTEM_CLIENT_KEY, c -> c.issuer("test-rp"))));
    }

    @Test
    void keysPublishedAtTheClientsJwksUriAreFetchedAndARotatedKeyIsFoundToo() {
        RSAKey first = rsaKey("remote-key-1");
        RSAKey second = rsaKey("remote-key-2");
        RP.publishJwks(new com.nimbusds.jose.jwk.JWKSet(first.toPublicJWK()).toString());
        String remote = "test-system-remote-keys";
        assertThat(ClientAssertions.clientCredentials(ISSUER, remote,
                ClientAssertions.privateKeyJwt(first, remote, ISSUER, c -> { }), "records.system").statusCode())
                .isEqualTo(200);
        // The partner rotates: it publishes both keys and signs with the new one.
        RP.publishJwks(new com.nimbusds.jose.jwk.JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK()))
                .toString());
        assertThat(ClientAssertions.clientCredentials(ISSUER, remote,
                ClientAssertions.privateKeyJwt(second, remote, ISSUER, c -> { }), "records.system").statusCode())
                .isEqualTo(200);
        assertInvalidClient(ClientAssertions.clientCredentials(ISSUER, remote,
                ClientAssertions.privateKeyJwt(rsaKey("remote-key-3"), remote, ISSUER, c -> { }),
                "records.system"));
    }

    @Test
    void garbageInsteadOfAnAssertionIsAClearError() {
        HttpResponse<String> response = tokenRequest("not-a-jwt");
        assertThat(response.statusCode()).isBetween(400, 401);
        assertThat(Http.json(response).get("error").asString()).isIn("invalid_client", "invalid_request");
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    private static HttpResponse<String> tokenRequest(String assertion) {
        return ClientAssertions.clientCredentials(ISSUER, CLIENT, assertion, "records.system");
    }

    private static HttpResponse<String> revocation(String assertion) {
        return Http.postForm(ISSUER + "/oauth2/revoke", Http.form("token", "not-a-token-of-ours",
                "client_id", CLIENT, "client_assertion_type", ClientAssertions.JWT_BEARER,
                "client_assertion", assertion));
    }

    private static String assertion(RSAKey key, Consumer<JWTClaimsSet.Builder> customize) {
        return ClientAssertions.privateKeyJwt(key, CLIENT, ISSUER, customize);
    }
}
