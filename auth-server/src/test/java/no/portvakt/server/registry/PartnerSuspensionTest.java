package no.portvakt.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Suspending a partner through the admin API: its clients get invalid_client and its tokens stop introspecting
 * active at once; the change is in the trail with who, before and after; lifting it restores both.
 */
class PartnerSuspensionTest extends PortvaktTestBase {

    private static final String PARTNERS = ISSUER + "/admin/api/partners";
    private static final String SYSTEM = "suspendable-system:suspendable-secret-0123456789-0123456789-0123456";
    private static final String AUDITOR = "test-auditor:test-auditor-secret-0123456789-0123456789-012345";

    @Test
    void aSuspendedPartnersClientsGetInvalidClientAndItsTokensIntrospectInactive() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String token = Http.json(systemToken()).get("access_token").asString();
        assertThat(introspect(token).get("active").asBoolean()).isTrue();

        String auditor = adminToken(AUDITOR, "portvakt.audit");
        assertThat(suspend(auditor, "{\"reason\": \"no\"}").statusCode()).isEqualTo(403);
        assertThat(suspend(admin, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> suspended = suspend(admin, "{\"reason\": \"The agreement is under review\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        try {
            assertThat(suspend(admin, "{\"reason\": \"again\"}").statusCode()).isEqualTo(409);
            HttpResponse<String> refused = systemToken();
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(Http.json(refused).get("error").asString()).isEqualTo("invalid_client");
            assertThat(introspect(token).get("active").asBoolean()).isFalse();

            JsonNode partner = Http.json(Http.get(PARTNERS + "/suspendable", "Authorization", "Bearer " + auditor));
            assertThat(partner.get("trusted").asBoolean()).isFalse();
            assertThat(partner.get("suspended_reason").asString()).isEqualTo("The agreement is under review");
            JsonNode system = null;
            for (JsonNode client : partner.get("clients")) {
                if (client.get("client_id").asString().equals("suspendable-system")) {
                    system = client;
                }
            }
            assertThat(system).isNotNull();
            assertThat(system.get("state").asString()).isEqualTo("partner_not_trusted");

            JsonNode change = Http.json(Http.get(ISSUER + "/admin/api/changes?entity=partner&id=suspendable",
                    "Authorization", "Bearer " + auditor)).get("changes").get(0);
            assertThat(change.get("actor").asString()).isEqualTo("test-admin");
            assertThat(change.get("action").asString()).isEqualTo("suspend");
            assertThat(change.get("before").asString()).contains("\"trusted\": true");
            assertThat(change.get("after").asString()).contains("\"trusted\": false");
        } finally {
            HttpResponse<String> lifted = Http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(PARTNERS + "/suspendable/suspension"))
                    .header("Authorization", "Bearer " + admin).DELETE().build());
            assertThat(lifted.statusCode()).isEqualTo(200);
        }
        assertThat(systemToken().statusCode()).isEqualTo(200);
        assertThat(introspect(token).get("active").asBoolean()).isTrue();
    }

    @Test
    void partnersAreFoundByOrganisationNumberClientOrNameAndUnknownOnesAreNotFound() {
        String auditor = adminToken(AUDITOR, "portvakt.audit");
        for (String q : new String[] {"974760673", "suspendable-sys", "Suspendable Helse"}) {
            JsonNode found = Http.json(Http.get(PARTNERS + "?q=" + java.net.URLEncoder.encode(q,
                    java.nio.charset.StandardCharsets.UTF_8), "Authorization", "Bearer " + auditor));
            assertThat(found.get("partners")).hasSize(1);
            assertThat(found.get("partners").get(0).get("id").asString()).isEqualTo("suspendable");
        }
        assertThat(Http.json(Http.get(PARTNERS + "?q=%25", "Authorization", "Bearer " + auditor)).get("partners"))
                .isEmpty(); // a wildcard is a character, not a pattern
        assertThat(Http.get(PARTNERS + "/nobody", "Authorization", "Bearer " + auditor).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anOperatorAddsAndChangesAClientThroughTheApi() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String url = PARTNERS + "/suspendable/clients";
        HttpResponse<String> refused = Http.postJson(url, admin, "{\"client_id\": \"suspendable-api\", "
                + "\"auth_method\": \"client_secret_basic\", \"grant_types\": [\"implicit\"]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.json(refused).get("error_description").asString()).startsWith("grant_types: ");
        HttpResponse<String> created = Http.postJson(url, admin, "{\"client_id\": \"suspendable-api\", "
                + "\"client_name\": \"Made by automation\", \"auth_method\": \"client_secret_basic\", "
                + "\"grant_types\": [\"client_credentials\"], \"secret\": \"not-taken-from-the-request\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = Http.json(created).get("client_secret").asString();
        assertThat(secret).hasSize(43);
        String expiry = Http.json(created).get("client_secret_expires_at").asString();
        assertThat(java.time.Instant.parse(expiry)).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(300)));
        assertThat(Http.postJson(url, admin, "{\"client_id\": \"suspendable-api\", \"auth_method\": \"none\", "
                + "\"grant_types\": [\"authorization_code\"], \"redirect_uris\": [\"https://x.example/cb\"]}")
                .statusCode()).isEqualTo(409);

        HttpResponse<String> changed = Http.putJson(ISSUER + "/admin/api/clients/suspendable-api", admin,
                "{\"client_name\": \"Renamed\", \"auth_method\": \"client_secret_basic\", "
                        + "\"grant_types\": [\"client_credentials\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Http.json(changed).get("client_name").asString()).isEqualTo("Renamed");
        assertThat(Http.json(changed).get("client_secret_expires_at").asString()).isEqualTo(expiry);
        // The secret stayed: the client still authenticates with it (no API grant, so the scope is refused).
        HttpResponse<String> token = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "records.system", "resource", ClientAssertions.RECORDS_API),
                "suspendable-api:" + secret);
        assertThat(Http.json(token).get("error").asString()).isNotEqualTo("invalid_client");

        // Deleted: an auditor may not, an operator may, once; then the secret no longer authenticates.
        java.util.function.Function<String, HttpResponse<String>> delete = bearer -> Http.delete(
                ISSUER + "/admin/api/clients/suspendable-api", bearer);
        assertThat(delete.apply(adminToken(TEST_ADMIN, "portvakt.audit")).statusCode()).isEqualTo(403);
        assertThat(delete.apply(admin).statusCode()).isEqualTo(200);
        assertThat(delete.apply(admin).statusCode()).isEqualTo(404);
        HttpResponse<String> afterwards = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "records.system", "resource", ClientAssertions.RECORDS_API),
                "suspendable-api:" + secret);
        assertThat(Http.json(afterwards).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void anOperatorReplacesAPartnersFieldsButNotItsId() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        assertThat(Http.postJson(PARTNERS, admin, "{\"id\": \"renamed-helse\", \"name\": \"Before AS\", "
                + "\"organisation_number\": \"987654325\", \"agreement_signed_on\": \"2026-01-01\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> badNumber = Http.putJson(PARTNERS + "/renamed-helse", admin,
                "{\"name\": \"After AS\", \"organisation_number\": \"987654320\"}");
        assertThat(badNumber.statusCode()).isEqualTo(400);
        assertThat(Http.json(badNumber).get("error_description").asString()).startsWith("organisation_number: ");
        String after = "{\"id\": \"not-this-one\", \"name\": \"After AS\", \"organisation_number\": \"987654325\", "
                + "\"contact\": {\"name\": \"Drift\", \"email\": \"drift@after.example\"}, "
                + "\"agreement_signed_on\": \"2026-02-01\"}";
        assertThat(Http.putJson(PARTNERS + "/renamed-helse", adminToken(AUDITOR, "portvakt.audit"), after)
                .statusCode()).isEqualTo(403);
        assertThat(Http.putJson(PARTNERS + "/nobody", admin, after).statusCode()).isEqualTo(404);
        HttpResponse<String> changed = Http.putJson(PARTNERS + "/renamed-helse", admin, after);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode partner = Http.json(changed);
        assertThat(partner.get("id").asString()).isEqualTo("renamed-helse"); // the path's, not the body's
        assertThat(partner.get("name").asString()).isEqualTo("After AS");
        assertThat(partner.get("contact_email").asString()).isEqualTo("drift@after.example");
        assertThat(partner.get("agreement_signed_on").asString()).isEqualTo("2026-02-01");
        assertThat(Http.get(ISSUER + "/admin/api/changes?entity=partner&id=renamed-helse", "Authorization",
                "Bearer " + admin).body()).contains("\"update\"", "Before AS", "After AS");
    }

    @Test
    void anOperatorAddsChangesAndDeletesAnApiThroughTheApiAndWhatItShowsCanBeSentBack() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String auditor = adminToken(AUDITOR, "portvakt.audit");
        String resource = "https://api.automation.example/v2";
        String apis = ISSUER + "/admin/api/apis?resource=" + java.net.URLEncoder.encode(resource,
                java.nio.charset.StandardCharsets.UTF_8);
        String api = "{\"resource\": \"" + resource + "\", \"name\": \"Automation API\", \"token_ttl\": \"2m\", "
                + "\"scopes\": [{\"name\": \"auto.read\", \"description\": \"Reads\", \"requires\": \"system\"}], "
                + "\"clients\": [{\"client_id\": \"%s\", \"scopes\": [\"auto.read\"]}]}";
        HttpResponse<String> unknownClient = Http.postJson(PARTNERS + "/suspendable/apis", admin,
                api.formatted("no-such-client"));
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknownClient).get("error_description").asString())
                .isEqualTo("client_id: client 'no-such-client' is not registered");
        assertThat(Http.postJson(PARTNERS + "/suspendable/apis", auditor, api.formatted("suspendable-system"))
                .statusCode()).isEqualTo(403);
        assertThat(Http.postJson(PARTNERS + "/nobody/apis", admin, api.formatted("suspendable-system"))
                .statusCode()).isEqualTo(404);

        HttpResponse<String> created = Http.postJson(PARTNERS + "/suspendable/apis", admin,
                api.formatted("suspendable-system"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.postJson(PARTNERS + "/suspendable/apis", admin, api.formatted("suspendable-system"))
                .statusCode()).isEqualTo(409);
        HttpResponse<String> token = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "auto.read", "resource", resource), SYSTEM);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(Http.json(token).get("expires_in").asInt()).isBetween(118, 120);

        // What the API shows goes back changed: a second scope, granted instead of the first.
        JsonNode shown = java.util.stream.StreamSupport.stream(Http.json(Http.get(ISSUER + "/admin/api/apis",
                "Authorization", "Bearer " + auditor)).get("apis").spliterator(), false)
                .filter(a -> a.get("resource").asString().equals(resource)).findFirst().orElseThrow();
        String changedBody = shown.toString().replace("\"clients\":[{\"client_id\":\"suspendable-system\",\"scopes\":[\"auto.read\"]}]",
                "\"clients\":[{\"client_id\":\"suspendable-system\",\"scopes\":[\"auto.write\"]}]")
                .replace("\"scopes\":[{", "\"scopes\":[{\"name\":\"auto.write\",\"description\":\"Writes\"},{");
        HttpResponse<String> changed = Http.putJson(apis, admin, changedBody);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Http.json(changed).get("partner_id").asString()).isEqualTo("suspendable");
        assertThat(Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials", "scope",
                "auto.read", "resource", resource), SYSTEM).statusCode()).isEqualTo(400);
        assertThat(Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials", "scope",
                "auto.write", "resource", resource), SYSTEM).statusCode()).isEqualTo(200);
        assertThat(Http.putJson(ISSUER + "/admin/api/apis", admin, changedBody).statusCode()).isEqualTo(404);

        assertThat(Http.delete(apis, auditor).statusCode()).isEqualTo(403);
        assertThat(Http.delete(apis, admin).statusCode()).isEqualTo(200);
        assertThat(Http.delete(apis, admin).statusCode()).isEqualTo(404);
        HttpResponse<String> gone = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "auto.write", "resource", resource), SYSTEM);
        assertThat(Http.json(gone).get("error").asString()).isEqualTo("invalid_target");
    }

    @Test
    void whatTheBootstrapFileAddedIsInTheChangeTrail() {
        JsonNode changes = Http.json(Http.get(ISSUER + "/admin/api/changes?entity=client&id=test-rp",
                "Authorization", "Bearer " + adminToken(AUDITOR, "portvakt.audit"))).get("changes");
        JsonNode first = changes.get(changes.size() - 1);
        assertThat(first.get("actor").asString()).isEqualTo("bootstrap");
        assertThat(first.get("action").asString()).isEqualTo("apply");
        assertThat(first.get("after").asString()).contains("\"has_secret\": true")
                .doesNotContain("test-rp-secret"); // never the secret itself
    }

    private static HttpResponse<String> systemToken() {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "records.system", "resource", ClientAssertions.RECORDS_API), SYSTEM);
    }

    private static JsonNode introspect(String token) {
        return Http.json(Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", token), RESOURCE_SERVER));
    }

    private static HttpResponse<String> suspend(String adminToken, String body) {
        return Http.postJson(PARTNERS + "/suspendable/suspension", adminToken, body);
    }
}
