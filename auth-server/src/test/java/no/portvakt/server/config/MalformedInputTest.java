package no.portvakt.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/** Bad input of every kind gets a clear 4xx answer, never a 500 and never a stack trace. */
class MalformedInputTest extends PortvaktTestBase {

    private static final String TOKEN = ISSUER + "/oauth2/token";
    private static final String BASIC = TEST_RP + ":" + TEST_RP_SECRET;

    @Test
    void tokenEndpointRefusesMalformedRequestsWithTheRfcErrorJson() {
        assertOAuthError(Http.postRaw(TOKEN, "application/x-www-form-urlencoded", "grant_type=authorization_code"
                + "&grant_type=authorization_code&code=x&redirect_uri=" + callbackUri()), 401, "invalid_client");
        assertOAuthError(Http.postForm(TOKEN, Http.form("code", "x"), BASIC), 400, "invalid_request");
        assertOAuthError(Http.postForm(TOKEN, Http.form("grant_type", "password", "username", "u", "password",
                "p"), BASIC), 400, "unsupported_grant_type");
        assertOAuthError(Http.postRaw(TOKEN + "?grant_type=client_credentials", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&grant_type=client_credentials"), 401, "invalid_client");
        assertOAuthError(Http.postForm(TOKEN, Http.form("grant_type", "authorization_code", "grant_type",
                "refresh_token"), BASIC), 400, "invalid_request");
    }

    @Test
    void duplicatedParametersAtTheTokenEndpointAreRefused() {
        String body = "grant_type=authorization_code&code=a&code=b&redirect_uri=" + callbackUri();
        HttpResponse<String> response = Http.postRaw(TOKEN, "application/x-www-form-urlencoded", body + "&client_id="
                + TEST_RP + "&client_secret=" + TEST_RP_SECRET);
        assertThat(response.statusCode()).isBetween(400, 401);
        assertThat(Http.json(response).get("error").asString()).isIn("invalid_request", "invalid_client");
    }

    @Test
    void hugeValuesAreRefusedNotFailedOn() {
        String huge = "x".repeat(200_000);
        HttpResponse<String> response = Http.postForm(TOKEN, Http.form("grant_type", "authorization_code", "code",
                huge, "redirect_uri", callbackUri()), BASIC);
        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");

        HttpResponse<String> hugeQuery = Http.get(ISSUER + "/oauth2/authorize?client_id=" + TEST_RP + "&state="
                + "y".repeat(20_000));
        assertThat(hugeQuery.statusCode()).isBetween(400, 499);
        assertThat(hugeQuery.body()).doesNotContain("Exception");
    }

    @Test
    void wrongContentTypeIsAClientError() {
        HttpResponse<String> response = Http.postRaw(TOKEN, "application/json", "{\"grant_type\":\"client_credentials\"}");
        assertThat(response.statusCode()).isBetween(400, 401);
        assertThat(Http.json(response).get("error").asString()).isNotBlank();
    }

    @Test
    void theWrongMethodOnAnEndpointIsAClientError() {
        for (String path : List.of("/oauth2/token", "/oauth2/par", "/oauth2/introspect", "/oauth2/revoke")) {
            HttpResponse<String> response = Http.get(ISSUER + path);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
        }
    }

    @Test
    void garbageBearerTokensAtUserinfoAre401WithAChallenge() {
        HttpResponse<String> response = Http.get(ISSUER + "/userinfo", "Authorization", "Bearer not.a.token");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer")
                .contains("invalid_token");
    }

    @Test
    void introspectionAndRevocationNeedAnAuthenticatedClient() {
        assertOAuthError(Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", "x")), 401, "invalid_client");
        assertOAuthError(Http.postForm(ISSUER + "/oauth2/revoke", Http.form("token", "x")), 401, "invalid_client");
        assertOAuthError(Http.postForm(ISSUER + "/oauth2/par", Http.form("response_type", "code")), 401,
                "invalid_client");
    }

    @Test
    void aBearerTokenIsNoClientAuthentication() {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(TOKEN))
                .header("Authorization", "Bearer " + adminToken(TEST_ADMIN, "portvakt.admin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertOAuthError(response, 401, "invalid_client");
    }

    @Test
    void aProtectedResourceRefusesWithItsChallengeAndTheSameErrorAsJson() {
        HttpResponse<String> none = Http.get(ISSUER + "/admin/api/partners");
        assertOAuthError(none, 401, "invalid_request");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer")
                .doesNotContain("error="); // no token, no error code in the challenge (RFC 6750 §3.1)
        HttpResponse<String> garbage = Http.get(ISSUER + "/admin/api/partners", "Authorization", "Bearer x.y.z");
        assertOAuthError(garbage, 401, "invalid_token");
        assertThat(garbage.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
        HttpResponse<String> auditor = Http.postJson(ISSUER + "/admin/api/partners", adminToken(TEST_ADMIN,
                "portvakt.audit"), "{}");
        assertOAuthError(auditor, 403, "insufficient_scope");
        assertOAuthError(userinfo("x"), 401, "invalid_token");
    }

    @Test
    void theErrorPathOpenedDirectlyIsAnUnknownPage() {
        assertOAuthError(Http.get(ISSUER + "/error"), 404, "not_found");
    }

    @Test
    void unknownPagesAreAFriendly404() {
        HttpResponse<String> response = Http.get(ISSUER + "/css/nothing-here.css");
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static void assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(Http.json(response).get("error").asString()).isEqualTo(error);
    }
}
