package no.portvakt.server.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.StandInPartnerApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partner APIs verifying Portvakt's tokens as the partner guide says, over real HTTP: situations 1, 3 and 4 end
 * to end, and no token for one API is accepted by another.
 */
class PartnerApiTest extends PortvaktTestBase {

    private static final String CONSENTS = "https://api.other-partner.example/consents";
    private static StandInPartnerApi records;
    private static StandInPartnerApi consents;

    @BeforeEach
    void startPartnerApis() {
        if (records == null) {
            records = StandInPartnerApi.start(ISSUER, ClientAssertions.RECORDS_API, "records.read");
            consents = StandInPartnerApi.start(ISSUER, CONSENTS, "consents.write");
        }
    }

    @AfterAll
    static void stopPartnerApis() {
        if (records != null) {
            records.stop();
            consents.stop();
        }
    }

    @Test
    void aSystemTokenForACitizenOpensThatCitizensRecords() {
        String token = systemToken("records.read", ClientAssertions.RECORDS_API, KARI);
        HttpResponse<String> response = call(records, "Authorization", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("pid").asString()).isEqualTo(KARI);
        // The same token in X-Authorization, for services that already use Authorization for Basic.
        assertThat(call(records, "X-Authorization", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenForOneApiIsRefusedByAnother() {
        String forRecords = systemToken("records.read", ClientAssertions.RECORDS_API, KARI);
        assertThat(call(consents, "Authorization", forRecords).statusCode()).isEqualTo(401);
        String forConsents = systemToken("consents.write", CONSENTS, null);
        assertThat(call(records, "Authorization", forConsents).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheApisScopeIsForbidden() {
        String writeOnly = systemToken("records.write", ClientAssertions.RECORDS_API, KARI);
        assertThat(call(records, "Authorization", writeOnly).statusCode()).isEqualTo(403);
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = systemToken("records.read", ClientAssertions.RECORDS_API, KARI);
        String[] parts = token.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace(KARI, "28816196088").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(call(records, "Authorization", parts[0] + "." + forgedPayload + "." + parts[2]).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aCitizenBoundTokenOpensTheLoggedInCitizensRecords() {
        OidcClient portal = new OidcClient(ISSUER, "test-portal",
                "test-portal-secret-0123456789-0123456789-0123456789", callbackUri());
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = portal.start("openid", b -> { });
            String subject = portal.redeem(attempt, loginWithTestId(browser, portal, attempt)).toSuccessResponse()
                    .getTokens().getAccessToken().getValue();
            HttpResponse<String> exchanged = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                    "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                    "subject_token", subject, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                    "resource", ClientAssertions.RECORDS_API, "scope", "records.read"),
                    "test-portal:test-portal-secret-0123456789-0123456789-0123456789");
            HttpResponse<String> response = call(records, "Authorization",
                    Http.json(exchanged).get("access_token").asString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.json(response).get("pid").asString()).isEqualTo(KARI);
        }
    }

    private static String systemToken(String scope, String resource, String citizen) {
        var form = new java.util.LinkedHashMap<>(Http.form("grant_type", "client_credentials",
                "client_id", "test-system", "client_assertion_type", ClientAssertions.JWT_BEARER,
                "client_assertion", ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }),
                "scope", scope, "resource", resource));
        if (citizen != null) {
            form.put("authorization_details", "[{\"type\":\"citizen\",\"pid\":\"" + citizen + "\"}]");
        }
        HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("access_token").asString();
    }

    private static HttpResponse<String> call(StandInPartnerApi api, String header, String token) {
        return Http.send(HttpRequest.newBuilder(URI.create(api.url())).header(header, "Bearer " + token).GET()
                .build());
    }
}
