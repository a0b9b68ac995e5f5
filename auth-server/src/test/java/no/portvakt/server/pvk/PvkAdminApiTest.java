package no.portvakt.server.pvk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PVK in the admin API: definitions and subscriptions by the bootstrap file's rules, and a citizen's settings. */
class PvkAdminApiTest extends PortvaktTestBase {

    static final String PVK = ISSUER + "/admin/api/pvk";
    static final String AUDITOR = "test-auditor:test-auditor-secret-0123456789-0123456789-012345";

    @Test
    void anOperatorDeclaresADefinitionAndASubscriptionByTheFilesRules() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String guid = UUID.randomUUID().toString();
        String definition = """
                {"part_kode": "test-partner", "type_pi": "%s",
                 "name": {"nb": "Register", "nn": "Register", "en": "Registry"},
                 "text": {"nb": "Tekst", "nn": "Tekst", "en": "Text"}}""";
        HttpResponse<String> saved = Http.putJson(PVK + "/definitions/" + guid, admin, definition.formatted("samtykke"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.json(saved).path("representative_may_change").asBoolean()).isTrue();
        assertError(Http.putJson(PVK + "/definitions/" + guid, admin, definition.formatted("opt-in")), "type_pi");
        assertError(Http.putJson(PVK + "/definitions/" + UUID.randomUUID(), admin,
                definition.formatted("samtykke").replace("test-partner", "nobody")), "part_kode");
        assertError(Http.putJson(PVK + "/definitions/" + guid, admin,
                "{\"guid\": \"" + UUID.randomUUID() + "\"}"), "guid");
        assertError(Http.putJson(PVK + "/definitions/not-a-guid", admin, definition.formatted("samtykke")), "guid");

        String subscription = """
                {"partner": "test-partner", "resource": "https://api.test-partner.example/privacy", "scope": "%s",
                 "delivery_url": "%s", "definitions": ["%s"]}""";
        String id = "api-" + guid;
        assertThat(Http.putJson(PVK + "/subscriptions/" + id, admin, subscription.formatted("privacy.store",
                "https://subscriber.test-partner.example/pvk", guid)).statusCode()).isEqualTo(200);
        assertError(Http.putJson(PVK + "/subscriptions/" + id, admin, subscription.formatted("privacy.other",
                "https://subscriber.test-partner.example/pvk", guid)), "scope"); // not granted to PVK
        assertError(Http.putJson(PVK + "/subscriptions/" + id, admin, subscription.formatted("privacy.store",
                "http://subscriber.test-partner.example/pvk", guid)), "delivery_url");
        assertError(Http.putJson(PVK + "/subscriptions/" + id, admin, subscription.formatted("privacy.store",
                "https://subscriber.test-partner.example/pvk", UUID.randomUUID())), "definitions");
        assertError(Http.putJson(PVK + "/subscriptions/" + id, admin, subscription.formatted("privacy.store",
                "https://subscriber.test-partner.example/pvk", guid).replace("test-partner\"", "other-partner\"")),
                "resource");

        JsonNode listed = Http.json(Http.get(PVK + "/subscriptions", "Authorization", "Bearer " + admin));
        assertThat(listed.path("subscriptions").valueStream().filter(s -> s.path("id").asString().equals(id))
                .findFirst().orElseThrow().path("delivery_url").asString())
                .isEqualTo("https://subscriber.test-partner.example/pvk");
    }

    @Test
    void anOperatorRecordsACitizensSettingAndReadsItsHistoryAnAuditorOnlyReads() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String guid = "3d0f6a56-8c1e-4c55-9a43-2b7f0e1c9a01"; // the test bootstrap file's
        String change = "{\"innbyggerFnr\": \"28816196088\", \"definisjonGuid\": \"" + guid + "\", \"aktiv\": %s}";
        Http.postJson(PVK + "/settings", admin, change.formatted("false")); // whatever it was: now off
        JsonNode now = Http.json(Http.postJson(PVK + "/settings", admin, change.formatted("true")));
        assertThat(now.path("aktiv").asBoolean()).isTrue();
        assertThat(now.path("changed").asBoolean()).isTrue();
        assertThat(Http.json(Http.postJson(PVK + "/settings", admin, change.formatted("true")))
                .path("changed").asBoolean()).isFalse();

        String auditor = adminToken(AUDITOR, "portvakt.audit");
        JsonNode settings = Http.json(Http.get(PVK + "/settings?pid=28816196088", "Authorization", "Bearer " + auditor));
        JsonNode setting = settings.path("settings").valueStream()
                .filter(s -> s.path("definisjonGuid").asString().equals(guid)).findFirst().orElseThrow();
        assertThat(setting.path("aktiv").asBoolean()).isTrue();
        assertThat(setting.path("history").get(0).path("channel").asString()).isEqualTo("admin_api");
        assertThat(setting.path("history").get(0).path("actor_client_id").asString()).isEqualTo("test-admin");
        assertThat(setting.path("history").get(0).path("previous").asBoolean()).isFalse();
        assertThat(Http.postJson(PVK + "/settings", auditor, change.formatted("false")).statusCode()).isEqualTo(403);
        assertError(Http.get(PVK + "/settings?pid=12048645510", "Authorization", "Bearer " + auditor), "pid");
        assertError(Http.postJson(PVK + "/settings", admin, "{\"innbyggerFnr\": \"28816196088\"}"), "aktiv");
        assertError(Http.postJson(PVK + "/settings", admin, "null"), "innbyggerFnr");
    }

    private static void assertError(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = Http.json(response);
        assertThat(body.path("error").asString()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asString()).contains(field);
    }
}
