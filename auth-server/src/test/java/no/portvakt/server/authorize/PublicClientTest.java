package no.portvakt.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/** A public client (no secret) must push its request (PAR) and prove PKCE; it gets no refresh token. */
class PublicClientTest extends PortvaktTestBase {

    @Test
    void aPublicClientLogsInThroughParWithPkce() {
        OidcClient client = new OidcClient(ISSUER, "test-public", "unused", callbackUri());
        OidcClient.Attempt attempt = client.start("openid", b -> { });
        Map<String, String> form = new LinkedHashMap<>();
        attempt.request().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        HttpResponse<String> pushed = Http.postForm(ISSUER + "/oauth2/par", form);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        String requestUri = Http.json(pushed).get("request_uri").asString();
        try (Browser browser = new Browser()) {
            browser.loginAs(browser.open(URI.create(ISSUER + "/oauth2/authorize?client_id=test-public&request_uri="
                    + URLEncoder.encode(requestUri, StandardCharsets.UTF_8))), KARI, "idporten-loa-substantial");
            var code = client.code(attempt, callback());
            HttpResponse<String> tokens = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                    "grant_type", "authorization_code", "code", code.getValue(), "redirect_uri", callbackUri(),
                    "client_id", "test-public", "code_verifier", attempt.verifier().getValue()));
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            assertThat(Http.json(tokens).has("id_token")).isTrue();
            assertThat(Http.json(tokens).has("refresh_token")).isFalse();
        }
    }

    @Test
    void aPublicClientInTheFrontChannelIsRefused() {
        OidcClient client = new OidcClient(ISSUER, "test-public", "unused", callbackUri());
        HttpResponse<String> response = Http.get(client.start("openid", b -> { }).request().toURI().toString());
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(callbackUri())
                .contains("error=invalid_request");
    }

    /** RFC 6749 §5.2: a missing parameter is invalid_request, even when it is the one that would authenticate. */
    @Test
    void aPublicClientsTokenRequestWithoutCodeOrVerifierIsInvalidRequest() {
        for (Map<String, String> form : java.util.List.of(
                Http.form("grant_type", "authorization_code", "code", "x", "redirect_uri", callbackUri(),
                        "client_id", "test-public"),
                Http.form("grant_type", "authorization_code", "redirect_uri", callbackUri(), "client_id",
                        "test-public", "code_verifier", "v".repeat(43)))) {
            HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", form);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_request");
        }
        HttpResponse<String> confidential = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "authorization_code", "code", "x", "redirect_uri", callbackUri(), "client_id", TEST_RP));
        assertThat(confidential.statusCode()).as("a confidential client without its secret").isEqualTo(401);
        assertThat(Http.json(confidential).get("error").asString()).isEqualTo("invalid_client");
    }

    /** RFC 9126 §6: PAR is the client's registered choice, true by default for a public client, and shown. */
    @Test
    void pushingIsTheClientsRegisteredChoice() {
        assertThat(Http.json(Http.get(ISSUER + "/.well-known/openid-configuration"))
                .get("require_pushed_authorization_requests").asBoolean()).isFalse();
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String partners = Http.get(ISSUER + "/admin/api/partners?q=test-public", "Authorization", "Bearer " + admin)
                .body();
        assertThat(partners).contains("\"require_pushed_authorization_requests\":true");
        OidcClient native2 = new OidcClient(ISSUER, "test-public-front", "unused", callbackUri());
        HttpResponse<String> front = Http.get(native2.start("openid", b -> { }).request().toURI().toString());
        assertThat(front.headers().firstValue("Location").orElseThrow()).as("registered require_par: false")
                .doesNotContain("error=");
    }
}
