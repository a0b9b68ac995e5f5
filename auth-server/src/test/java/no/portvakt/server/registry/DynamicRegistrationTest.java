package no.portvakt.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import no.portvakt.server.clients.RegistryChanges;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A partner registers its own client (RFC 7591) with an initial access token from an administrator, and manages
 * it (RFC 7592); the client is pending until approved; every refusal names the field.
 */
class DynamicRegistrationTest extends PortvaktTestBase {

    private static final String REGISTER = ISSUER + "/register";
    private static final String PARTNER = "suspendable";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegistryChanges changes;

    @Test
    void aRegisteredClientIsPendingUntilApprovedThenLogsACitizenInUntilItsPartnerIsSuspended() throws Exception {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        HttpResponse<String> created = Http.postJson(REGISTER, initialAccessToken(admin), """
                {"client_name": "Self-registered video", "redirect_uris": ["%s/callback"],
                 "grant_types": ["authorization_code"], "scope": "openid profile", "software_id": "ignored"}
                """.formatted(RP.url()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode registration = Http.json(created);
        String clientId = registration.get("client_id").asString();
        String secret = registration.get("client_secret").asString();
        assertThat(clientId).startsWith(PARTNER + "-");
        assertThat(registration.get("token_endpoint_auth_method").asString()).isEqualTo("client_secret_basic");
        assertThat(registration.get("response_types").get(0).asString()).isEqualTo("code");
        assertThat(registration.get("portvakt_state").asString()).isEqualTo("pending");
        assertThat(registration.get("registration_client_uri").asString()).isEqualTo(REGISTER + "/" + clientId);
        assertThat(registration.get("client_secret_expires_at").asLong()).isPositive();
        assertThat(registration.has("software_id")).isFalse(); // unknown metadata is ignored (RFC 7591 §2)

        OidcClient client = new OidcClient(ISSUER, clientId, secret, callbackUri());
        try (Browser browser = new Browser()) {
            Page refused = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400); // pending: not a client yet
            assertThat(RP.takeCallback()).isNull();
            assertThat(Http.get(ISSUER + "/admin/api/clients/pending", "Authorization", "Bearer " + admin).body())
                    .contains(clientId);

            assertThat(Http.postJson(ISSUER + "/admin/api/clients/" + clientId + "/approval", admin, "{}")
                    .statusCode()).isEqualTo(200);
            OidcClient.Attempt attempt = client.start("openid profile", b -> { });
            var code = loginWithTestId(browser, client, attempt);
            assertThat(client.validate(OidcClient.idToken(client.redeem(attempt, code)), attempt).getSubject())
                    .isNotNull();

            OidcClient.Attempt next = client.start("openid", b -> { });
            browser.open(next.request().toURI());
            var nextCode = client.code(next, callback());
            assertThat(Http.postJson(ISSUER + "/admin/api/partners/" + PARTNER + "/suspension", admin,
                    "{\"reason\": \"test\"}").statusCode()).isEqualTo(200);
            try {
                var response = client.redeem(next, nextCode);
                assertThat(response.indicatesSuccess()).isFalse();
                assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
            } finally {
                Http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/admin/api/partners/" + PARTNER
                        + "/suspension")).header("Authorization", "Bearer " + admin).DELETE().build());
            }
        }
        JsonNode trail = Http.json(Http.get(ISSUER + "/admin/api/changes?entity=client&id=" + clientId,
                "Authorization", "Bearer " + admin)).get("changes");
        assertThat(trail.get(0).get("action").asString()).isEqualTo("approve");
        assertThat(trail.get(1).get("action").asString()).isEqualTo("register");
        assertThat(trail.get(1).get("actor").asString()).isEqualTo("dcr:" + PARTNER);
        assertThat(trail.toString()).doesNotContain(secret);
    }

    @Test
    void badMetadataIsRefusedNamingTheFieldAndDoesNotUseUpTheToken() {
        String token = initialAccessToken(adminToken(TEST_ADMIN, "portvakt.admin"));
        refused(token, "{\"redirect_uris\": [\"http://rp.example/cb\"]}", "invalid_redirect_uri", "redirect_uris");
        refused(token, "{\"redirect_uris\": [\"https://rp.example/cb#x\"]}", "invalid_redirect_uri", "fragment");
        refused(token, "{\"grant_types\": [\"client_credentials\", \"implicit\"]}", "invalid_client_metadata",
                "grant_types");
        refused(token, "{\"grant_types\": [\"urn:ietf:params:oauth:grant-type:token-exchange\"]}",
                "invalid_client_metadata", "administrator");
        refused(token, "{\"redirect_uris\": [\"https://rp.example/cb\"], \"scope\": \"openid pid\"}",
                "invalid_client_metadata", "scope: 'pid'");
        refused(token, "{\"redirect_uris\": [\"https://rp.example/cb\"], \"token_endpoint_auth_method\": "
                + "\"private_key_jwt\"}", "invalid_client_metadata", "jwks");
        refused(token, "{\"redirect_uris\": [\"https://rp.example/cb\"], \"token_endpoint_auth_method\": "
                + "\"private_key_jwt\", \"jwks\": {\"keys\": [{\"kty\": \"oct\", \"kid\": \"k\", \"k\": \"c2VjcmV0\"}]}}",
                "invalid_client_metadata", "private");
        refused(token, "{\"redirect_uris\": [\"https://rp.example/cb\"], \"response_types\": [\"token\"]}",
                "invalid_client_metadata", "response_types");
        refused(token, "[1, 2]", "invalid_client_metadata", "JSON object");

        HttpResponse<String> good = Http.postJson(REGISTER, token, "{\"grant_types\": [\"client_credentials\"]}");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        HttpResponse<String> again = Http.postJson(REGISTER, token, "{\"grant_types\": [\"client_credentials\"]}");
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(Http.postJson(REGISTER, null, "{}").statusCode()).isEqualTo(401);

        String expired = initialAccessToken(adminToken(TEST_ADMIN, "portvakt.admin"));
        jdbc.sql("update initial_access_token set expires_at = now() - interval '1 second'").update();
        assertThat(Http.postJson(REGISTER, expired, "{\"grant_types\": [\"client_credentials\"]}").statusCode())
                .isEqualTo(401);
    }

    /** What an attacker registers: each refused, naming the field, the initial access token kept. */
    @Test
    void hostileMetadataIsRefused() throws Exception {
        String token = initialAccessToken(adminToken(TEST_ADMIN, "portvakt.admin"));
        String cb = "\"redirect_uris\": [\"https://rp.example/cb\"]";
        String keyed = cb + ", \"token_endpoint_auth_method\": \"private_key_jwt\", ";
        refused(token, "{" + cb + ", \"backchannel_logout_uri\": \"https://rp.example/logout\"}",
                "invalid_client_metadata", "backchannel_logout_uri");
        refused(token, "{" + cb + ", \"backchannel_logout_uri\": \"" + ISSUER + "/admin/api/partners\"}",
                "invalid_client_metadata", "backchannel_logout_uri");
        refused(token, "{" + keyed + "\"jwks_uri\": \"http://169.254.169.254/latest/meta-data\"}",
                "invalid_client_metadata", "jwks_uri");
        refused(token, "{" + keyed + "\"jwks_uri\": \"https://169.254.169.254/latest/meta-data\"}",
                "invalid_client_metadata", "jwks_uri: must not be a link-local");
        refused(token, "{" + keyed + "\"jwks_uri\": \"" + ISSUER + "/oauth2/jwks\"}",
                "invalid_client_metadata", "jwks_uri: must not be Portvakt itself");
        refused(token, "{\"redirect_uris\": [\"https://a@evil.example/cb\"]}", "invalid_redirect_uri",
                "user name");
        String rsa = rsaKey("k").toPublicJWK().toJSONString();
        refused(token, "{" + keyed + "\"jwks\": {\"keys\": [" + rsa.replaceFirst("\"n\":\"", "\"n\":\"!!")
                + "]}}", "invalid_client_metadata", "n is not base64url");
        String many = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "\"https://rp.example/cb" + i + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        refused(token, "{\"redirect_uris\": [" + many + "]}", "invalid_redirect_uri", "at most 20");
        refused(token, "{" + cb + ", \"client_name\": \"" + "x".repeat(100_000) + "\"}",
                "invalid_client_metadata", "client_name");
        HttpResponse<String> good = Http.postJson(REGISTER, token, "{" + cb + "}");
        assertThat(good.statusCode()).as("the token was not used up by the refusals: " + good.body())
                .isEqualTo(201);
        assertThat(Http.json(good).has("backchannel_logout_uri")).isFalse();
    }

    @Test
    void theRegistrationIsReadReplacedAndDeletedWithItsOwnTokenOnly() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        JsonNode registration = Http.json(Http.postJson(REGISTER, initialAccessToken(admin), """
                {"redirect_uris": ["https://rp.example/one"], "scope": "openid"}"""));
        String clientId = registration.get("client_id").asString();
        String uri = registration.get("registration_client_uri").asString();
        String token = registration.get("registration_access_token").asString();

        HttpResponse<String> read = Http.get(uri, "Authorization", "Bearer " + token);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Http.json(read).has("client_secret")).isFalse();
        assertThat(Http.get(uri, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(401);
        assertThat(Http.get(uri, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);

        assertThat(put(uri, token, "{\"client_id\": \"someone-else\", \"redirect_uris\": [\"https://rp.example/two\"]}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> badUri = put(uri, token, "{\"client_id\": \"" + clientId
                + "\", \"redirect_uris\": [\"http://rp.example/two\"]}");
        assertThat(Http.json(badUri).get("error").asString()).isEqualTo("invalid_redirect_uri");
        HttpResponse<String> replaced = put(uri, token, "{\"client_id\": \"" + clientId
                + "\", \"redirect_uris\": [\"https://rp.example/two\"], \"scope\": \"openid profile\"}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(Http.json(Http.get(uri, "Authorization", "Bearer " + token)).get("redirect_uris").get(0).asString())
                .isEqualTo("https://rp.example/two");

        HttpResponse<String> deleted = Http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(Http.get(uri, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        assertThat(Http.json(Http.get(ISSUER + "/admin/api/changes?entity=client&id=" + clientId,
                "Authorization", "Bearer " + admin)).get("changes").get(0).get("action").asString())
                .isEqualTo("delete");
    }

    @Test
    void anExpiredSecretNoLongerAuthenticates() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        JsonNode registration = Http.json(Http.postJson(REGISTER, initialAccessToken(admin),
                "{\"grant_types\": [\"client_credentials\"]}"));
        String clientId = registration.get("client_id").asString();
        String basic = clientId + ":" + registration.get("client_secret").asString();
        Http.postJson(ISSUER + "/admin/api/clients/" + clientId + "/approval", admin, "{}");
        assertThat(clientCredentials(basic).statusCode()).isEqualTo(400); // authenticated; it has no API grant

        jdbc.sql("update client set secret_expires_at = now() - interval '1 second' where client_id = ?")
                .param(clientId).update();
        jdbc.sql("update registry_generation set generation = generation + 1").update();
        changes.poll(); // as every instance does every two seconds
        HttpResponse<String> expired = clientCredentials(basic);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Http.json(expired).get("error").asString()).isEqualTo("invalid_client");
    }

    private static HttpResponse<String> clientCredentials(String basic) {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "records.system", "resource", "https://api.test-partner.example/records"), basic);
    }

    @Test
    void discoveryNamesTheRegistrationEndpoint() {
        assertThat(Http.json(Http.get(ISSUER + "/.well-known/openid-configuration")).get("registration_endpoint")
                .asString()).isEqualTo(REGISTER);
    }

    private static String initialAccessToken(String admin) {
        HttpResponse<String> response = Http.postJson(ISSUER + "/admin/api/partners/" + PARTNER
                + "/initial-access-tokens", admin, "{\"expires_in\": 3600}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).get("initial_access_token").asString();
    }

    private static void refused(String token, String metadata, String error, String mentioned) {
        HttpResponse<String> response = Http.postJson(REGISTER, token, metadata);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo(error);
        assertThat(Http.json(response).get("error_description").asString()).contains(mentioned);
    }

    private static HttpResponse<String> put(String uri, String token, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
