package no.portvakt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/** Rotation on demand through the admin API, which only a token for the admin API with the right scope opens. */
class SigningKeysAdminTest extends PortvaktTestBase {

    private static final String KEYS = ISSUER + "/admin/api/signing-keys";

    @Test
    void anOperatorRotatesTheSigningKeyOnDemand() {
        String token = adminToken(TEST_ADMIN, "portvakt.admin");
        HttpResponse<String> listed = get(KEYS, token);
        assertThat(listed.statusCode()).as(listed.headers().map().toString()).isEqualTo(200);
        String before = Http.json(listed).get("active").asString();
        HttpResponse<String> rotated = post(KEYS + "/rotation", token);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String after = Http.json(rotated).get("active").asString();
        assertThat(after).isNotEqualTo(before);
        // The old key is still published: tokens it signed keep validating.
        assertThat(get(KEYS, token).body()).contains(before).contains(after);
    }

    @Test
    void anAuditorMayReadButNotRotate() {
        String token = adminToken("test-auditor:test-auditor-secret-0123456789-0123456789-012345",
                "portvakt.audit");
        assertThat(get(KEYS, token).statusCode()).isEqualTo(200);
        assertThat(post(KEYS + "/rotation", token).statusCode()).isEqualTo(403);
    }

    @Test
    void noTokenOrATokenForAnotherApiIsRefused() {
        assertThat(post(KEYS + "/rotation", null).statusCode()).isEqualTo(401);
        String recordsToken = Http.json(ClientAssertions.clientCredentials(ISSUER, "test-system",
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }),
                "records.system")).get("access_token").asString();
        HttpResponse<String> confused = post(KEYS + "/rotation", recordsToken);
        assertThat(confused.statusCode()).isEqualTo(401);
        assertThat(confused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        // An ID-token-like access token of a citizen login is not an admin token either.
        assertThat(get(KEYS, "not-a-token").statusCode()).isEqualTo(401);
    }


    private static HttpResponse<String> get(String url, String token) {
        return Http.get(url, "Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> post(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request.build());
    }
}
