package no.portvakt.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.token.Tokens;
import java.net.http.HttpResponse;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Userinfo (GET and POST), revocation (RFC 7009) and introspection for resource servers (RFC 7662). */
class TokenLifecycleTest extends PortvaktTestBase {


    private OidcClient client;

    @BeforeEach
    void discover() {
        client = testRp();
    }

    @Test
    void userinfoAnswersGetAndPostWithThePairwiseSubject() {
        Tokens tokens = login("openid");
        String accessToken = tokens.getAccessToken().getValue();
        JsonNode viaGet = Http.json(userinfo(accessToken));
        HttpResponse<String> viaPost = Http.postForm(ISSUER + "/userinfo", Http.form("access_token", accessToken));
        // RFC 6750 §2.2 form-encoded body tokens are not accepted: the header is the one way to send it.
        assertThat(viaPost.statusCode()).isEqualTo(401);
        HttpResponse<String> viaPostHeader = postWithBearer(ISSUER + "/userinfo", accessToken);
        assertThat(viaPostHeader.statusCode()).isEqualTo(200);
        assertThat(Http.json(viaPostHeader).get("sub")).isEqualTo(viaGet.get("sub"));
        assertThat(viaGet.get("sub").asString()).isNotEqualTo(KARI);
    }

    @Test
    void aResourceServerIntrospectsAndSeesRevocationAtOnce() {
        String accessToken = login("openid").getAccessToken().getValue();
        JsonNode active = Http.json(introspect(accessToken, RESOURCE_SERVER));
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("client_id").asString()).isEqualTo(TEST_RP);

        HttpResponse<String> revoked = Http.postForm(ISSUER + "/oauth2/revoke", Http.form("token", accessToken),
                TEST_RP + ":" + TEST_RP_SECRET);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(Http.json(introspect(accessToken, RESOURCE_SERVER)).get("active").asBoolean()).isFalse();
        assertThat(userinfo(accessToken).statusCode()).isEqualTo(401);
    }

    @Test
    void aClientThatIsNoResourceServerMayNotIntrospect() {
        String accessToken = login("openid").getAccessToken().getValue();
        HttpResponse<String> response = introspect(accessToken, TEST_RP + ":" + TEST_RP_SECRET);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("unauthorized_client");
        assertThat(response.body()).doesNotContain("active");
    }

    @Test
    void revokingARefreshTokenEndsIt() {
        String refreshToken = login("openid offline_access").getRefreshToken().getValue();
        assertThat(Http.postForm(ISSUER + "/oauth2/revoke", Http.form("token", refreshToken,
                "token_type_hint", "refresh_token"), TEST_RP + ":" + TEST_RP_SECRET).statusCode()).isEqualTo(200);
        HttpResponse<String> refresh = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "refresh_token", "refresh_token", refreshToken), TEST_RP + ":" + TEST_RP_SECRET);
        assertThat(Http.json(refresh).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void revokingAnUnknownTokenIsNoError() {
        // RFC 7009 §2.2: an invalid token is not an error for the revocation endpoint.
        assertThat(Http.postForm(ISSUER + "/oauth2/revoke", Http.form("token", "never-issued"),
                TEST_RP + ":" + TEST_RP_SECRET).statusCode()).isEqualTo(200);
    }

    @Test
    void aSystemTokenIntrospectsActiveThoughItIsNotStored() {
        String systemToken = Http.json(no.portvakt.server.support.ClientAssertions.clientCredentials(ISSUER,
                "test-system", no.portvakt.server.support.ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY,
                        "test-system", ISSUER, c -> { }), "records.system")).get("access_token").asString();
        JsonNode answer = Http.json(introspect(systemToken, RESOURCE_SERVER));
        assertThat(answer.get("active").asBoolean()).isTrue();
        assertThat(answer.get("client_id").asString()).isEqualTo("test-system");
        assertThat(answer.get("scope").asString()).isEqualTo("records.system");
        assertThat(answer.get("aud").toString()).contains(no.portvakt.server.support.ClientAssertions.RECORDS_API);
        assertThat(answer.get("token_type").asString()).isEqualTo("Bearer");
        // Altered, it is not.
        String altered = systemToken.substring(0, systemToken.length() - 3) + "AAA";
        assertThat(Http.json(introspect(altered, RESOURCE_SERVER)).get("active").asBoolean()).isFalse();
    }

    @Test
    void anUnknownTokenIntrospectsInactive() {
        assertThat(Http.json(introspect("never-issued", RESOURCE_SERVER)).get("active").asBoolean()).isFalse();
    }

    private Tokens login(String scope) {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start(scope, b -> { });
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            var code = client.code(attempt, callback());
            return client.redeem(attempt, code).toSuccessResponse().getTokens();
        }
    }

    private static HttpResponse<String> introspect(String token, String basic) {
        return Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", token), basic);
    }

    private static HttpResponse<String> postWithBearer(String url, String accessToken) {
        return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + accessToken)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    }
}
