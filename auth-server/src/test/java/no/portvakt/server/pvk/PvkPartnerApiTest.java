package no.portvakt.server.pvk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.Subscription;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.StandInSubscriber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** PVK's partner API: a partner checks, lists and records the settings of its own definitions, and only those. */
class PvkPartnerApiTest extends PortvaktTestBase {

    static final String API = "/pvk/api/PersonvernInnstillinger/";
    static final String OTHER_SYSTEM = "other-system:other-system-secret-0123456789-0123456789-0123456";

    @Autowired
    PvkRegistry registry;
    @Autowired
    JdbcClient jdbc;

    Definition definition;

    @BeforeEach
    void definition() {
        definition = new Definition(UUID.randomUUID(), "test-partner", PiType.SAMTYKKE,
                new LocalisedText("Screening", "Screening", "Screening"), new LocalisedText("t", "t", "t"), false,
                true);
        registry.saveDefinition("test", definition);
    }

    @Test
    void aConsentOnPaperIsRecordedCheckedListedAndReplicated() {
        StandInSubscriber subscriber = StandInSubscriber.start(ISSUER, PvkDeliveryTest.PRIVACY_API, "privacy.store");
        try {
            registry.saveSubscription("test", new Subscription("paper-" + definition.guid(), "test-partner",
                    PvkDeliveryTest.PRIVACY_API, "privacy.store", URI.create(subscriber.url()),
                    Set.of(definition.guid())));
            String token = partnerToken("pvk.read pvk.write");
            HttpResponse<String> recorded = call(token, "SettInnbyggersPersonvernInnstilling", """
                    {"innbyggerFnr": "%s", "definisjonGuid": "%s", "definisjonNavn": "Screening",
                     "partKode": "test-partner", "typePi": "samtykke", "aktiv": true}
                    """.formatted(KARI, definition.guid()));
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
            assertThat(recorded.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(Http.json(recorded).path("endret").asBoolean()).isTrue();
            assertThat(jdbc.sql("""
                    select channel || ' ' || relation || ' ' || actor_client_id from pvk_setting_change
                    where definition_guid = ?""").param(definition.guid()).query(String.class).single())
                    .isEqualTo("partner_api system test-system");
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() == 1);

            JsonNode check = Http.json(call(token, "SjekkInnbyggersPiStatus", """
                    {"innbyggerFnr": "%s", "definisjonGuid": "%s", "definisjonNavn": "Screening",
                     "partKode": "test-partner"}""".formatted(KARI, definition.guid())));
            assertThat(check.path("aktiv").asBoolean()).isTrue();

            JsonNode mine = Http.json(call(token, "HentInnbyggersPiForPart", """
                    {"innbyggerFnr": "%s", "partKode": "test-partner"}""".formatted(KARI)));
            JsonNode row = mine.path("innstillinger").valueStream()
                    .filter(r -> r.path("definisjonGuid").asString().equals(definition.guid().toString()))
                    .findFirst().orElseThrow();
            assertThat(row.path("aktiv").asBoolean()).isTrue();
            assertThat(row.path("sekvensnummer").asLong()).isEqualTo(1);
            assertThat(mine.path("innstillinger").valueStream().map(r -> r.path("definisjonGuid").asString()))
                    .allMatch(guid -> registry.definition(UUID.fromString(guid)).orElseThrow().partnerId()
                            .equals("test-partner"));
        } finally {
            subscriber.stop();
        }
    }

    @Test
    void theActiveListIsReadPageByPageUntilThePagingReferenceIsNull() {
        // 2,500 citizens with an active setting, and some inactive ones that must not be listed.
        jdbc.sql("""
                insert into pvk_setting (pid, definition_guid, active, version, changed_at)
                select lpad((10000000000 + n * 7)::text, 11, '0'), ?, n % 6 <> 0, 1, now()
                from generate_series(1, 3000) n
                """).param(definition.guid()).update();
        String token = partnerToken("pvk.read");
        List<String> all = new ArrayList<>();
        Object reference = 0;
        int pages = 0;
        do {
            JsonNode page = Http.json(call(token, "HentInnbyggereAktivePiForDefinisjon", """
                    {"definisjonGuid": "%s", "partKode": "test-partner", "pagingReference": %s}
                    """.formatted(definition.guid(), reference)));
            page.path("innbyggere").valueStream().map(JsonNode::asString).forEach(all::add);
            // The last page has none.
            reference = page.has("pagingReference") ? page.path("pagingReference").asLong() : null;
            pages++;
        } while (reference != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(2500).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aPartnerReachesOnlyItsOwnDefinitionsAndBadInputGetsTheRfcsJson() {
        String other = tokenWithSecret(OTHER_SYSTEM, "pvk.read");
        String body = """
                {"innbyggerFnr": "%s", "definisjonGuid": "%s", "partKode": "%s"}""";
        assertError(call(other, "SjekkInnbyggersPiStatus", body.formatted(KARI, definition.guid(), "test-partner")),
                403, "access_denied");
        assertError(call(other, "SjekkInnbyggersPiStatus", body.formatted(KARI, definition.guid(), "other-partner")),
                403, "access_denied");
        assertError(call(other, "HentInnbyggereAktivePiForDefinisjon", """
                {"definisjonGuid": "%s", "partKode": "other-partner", "pagingReference": 0}"""
                .formatted(definition.guid())), 403, "access_denied");

        String mine = partnerToken("pvk.read");
        assertError(call(mine, "SjekkInnbyggersPiStatus", body.formatted("12048645510", definition.guid(),
                "test-partner")), 400, "invalid_request");
        assertError(call(mine, "SjekkInnbyggersPiStatus", body.formatted(KARI, UUID.randomUUID(), "test-partner")),
                400, "invalid_request");
        assertError(call(mine, "SjekkInnbyggersPiStatus", "null"), 400, "invalid_request");
        assertError(call(mine, "HentInnbyggereAktivePiForDefinisjon", """
                {"definisjonGuid": "%s", "partKode": "test-partner", "pagingReference": "x"}"""
                .formatted(definition.guid())), 400, "invalid_request");
        // Recording needs pvk.write; and no token at all is 401.
        HttpResponse<String> readOnly = call(mine, "SettInnbyggersPersonvernInnstilling", """
                {"innbyggerFnr": "%s", "definisjonGuid": "%s", "partKode": "test-partner", "typePi": "samtykke",
                 "aktiv": true}""".formatted(KARI, definition.guid()));
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(readOnly.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
        assertThat(Http.postJson(ISSUER + API + "SjekkInnbyggersPiStatus/v2", null, "{}").statusCode())
                .isEqualTo(401);
        assertError(call(partnerToken("pvk.write"), "SettInnbyggersPersonvernInnstilling", """
                {"innbyggerFnr": "%s", "definisjonGuid": "%s", "partKode": "test-partner", "typePi": "reservasjon",
                 "aktiv": true}""".formatted(KARI, definition.guid())), 400, "invalid_request");
        assertThat(jdbc.sql("select count(*) from pvk_setting_change where definition_guid = ?")
                .param(definition.guid()).query(Long.class).single()).isZero();
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.json(response).path("error").asString()).isEqualTo(error);
    }

    private static HttpResponse<String> call(String token, String operation, String body) {
        return Http.postJson(ISSUER + API + operation + "/v2", token, body);
    }

    /** test-system's SystemToken for PVK's partner API (private_key_jwt, as partners' systems do). */
    private static String partnerToken(String scope) {
        HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                "grant_type", "client_credentials", "client_id", "test-system",
                "client_assertion_type", ClientAssertions.JWT_BEARER,
                "client_assertion", ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }),
                "scope", scope, "resource", ISSUER + "/pvk/api"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asString();
    }

    private static String tokenWithSecret(String basic, String scope) {
        HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                "grant_type", "client_credentials", "scope", scope, "resource", ISSUER + "/pvk/api"), basic);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("access_token").asString();
    }
}
