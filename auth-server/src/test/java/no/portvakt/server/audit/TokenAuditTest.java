package no.portvakt.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.util.List;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every token issued in a citizen's name is in the audit trail before the client sees it. */
class TokenAuditTest extends PortvaktTestBase {

    private static final String OLA = "28816196088";

    @Autowired
    TokenAudit audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PidProtection pids;

    /**
     * A dump of the trail does not say whose tokens they were: no fødselsnummer in any column, as text or as
     * bytes, while the admin API still finds and shows them (with the key, which the database does not hold).
     */
    @Test
    void aDumpOfTheTrailHoldsNoFodselsnummer() {
        assertThat(systemTokenForOla(ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER,
                c -> { })).statusCode()).isEqualTo(200);
        String auditor = "Bearer " + adminToken("test-auditor:test-auditor-secret-0123456789-0123456789-012345",
                "portvakt.audit");
        assertThat(Http.get(ISSUER + "/admin/api/token-audit?pid=" + OLA, "Authorization", auditor).body())
                .contains(OLA);

        String asHex = java.util.HexFormat.of().formatHex(OLA.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (String table : List.of("token_audit", "token_audit_lookup", "data_key")) {
            List<String> dump = jdbc.sql("select t::text from " + table + " t").query(String.class).list();
            assertThat(dump).as(table).isNotEmpty()
                    .noneMatch(row -> row.contains(OLA) || row.contains(asHex));
        }
        assertThat(jdbc.sql("select count(*) from token_audit where represented_ref = ?")
                .param(pids.reference(OLA)).query(Long.class).single()).isPositive();
    }

    @Test
    void aSystemTokenNamingACitizenIsAuditedWithItsJti() throws Exception {
        HttpResponse<String> response = systemTokenForOla(
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String jti = SignedJWT.parse(Http.json(response).get("access_token").asString()).getJWTClaimsSet().getJWTID();

        // Committed before the response was sent: no waiting needed.
        List<AuditRecord> records = audit.forCitizen(OLA);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.jti()).isEqualTo(jti);
            assertThat(r.clientId()).isEqualTo("test-system");
            assertThat(r.audience()).isEqualTo(ClientAssertions.RECORDS_API);
            assertThat(r.scopes()).isEqualTo("records.read");
            assertThat(r.representedPid()).isEqualTo(OLA);
            assertThat(r.actingPid()).isNull();
            assertThat(r.grantType()).isEqualTo("client_credentials");
        });
    }

    @Test
    void anAuditorListsTheTokensIssuedInACitizensNameNewestFirst() throws Exception {
        HttpResponse<String> issued = systemTokenForOla(
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }));
        String jti = SignedJWT.parse(Http.json(issued).get("access_token").asString()).getJWTClaimsSet().getJWTID();
        String auditor = "Bearer " + adminToken("test-auditor:test-auditor-secret-0123456789-0123456789-012345",
                "portvakt.audit");

        HttpResponse<String> trail = Http.get(ISSUER + "/admin/api/token-audit?pid=" + OLA, "Authorization", auditor);
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        assertThat(trail.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode newest = Http.json(trail).get("tokens").get(0);
        assertThat(newest.get("jti").asString()).isEqualTo(jti);
        assertThat(newest.get("client_id").asString()).isEqualTo("test-system");
        assertThat(newest.get("audience").asString()).isEqualTo(ClientAssertions.RECORDS_API);
        assertThat(newest.get("scope").asString()).isEqualTo("records.read");
        assertThat(newest.get("represented_pid").asString()).isEqualTo(OLA);

        // A number whose check digits fail is refused, not searched for; a token for another API opens nothing.
        HttpResponse<String> typo = Http.get(ISSUER + "/admin/api/token-audit?pid=28816196089", "Authorization",
                auditor);
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(Http.json(typo).get("error").asString()).isEqualTo("invalid_request");
        String recordsToken = Http.json(systemTokenForOla(ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY,
                "test-system", ISSUER, c -> { }))).get("access_token").asString();
        assertThat(Http.get(ISSUER + "/admin/api/token-audit?pid=" + OLA, "Authorization", "Bearer " + recordsToken)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void readingACitizensTrailIsItselfOnRecord() throws Exception {
        systemTokenForOla(ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }));
        String auditor = "Bearer " + adminToken("test-auditor:test-auditor-secret-0123456789-0123456789-012345",
                "portvakt.audit");
        HttpResponse<String> trail = Http.get(ISSUER + "/admin/api/token-audit?pid=" + OLA, "Authorization", auditor);
        assertThat(trail.statusCode()).isEqualTo(200);
        int shown = Http.json(trail).get("tokens").size();
        long readings = count("token_audit_lookup");
        // A refused pid is no reading.
        assertThat(Http.get(ISSUER + "/admin/api/token-audit?pid=28816196089", "Authorization", auditor)
                .statusCode()).isEqualTo(400);
        assertThat(count("token_audit_lookup")).isEqualTo(readings);

        HttpResponse<String> lookups = Http.get(ISSUER + "/admin/api/token-audit/lookups?pid=" + OLA,
                "Authorization", auditor);
        assertThat(lookups.statusCode()).as(lookups.body()).isEqualTo(200);
        assertThat(lookups.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode newest = Http.json(lookups).get("lookups").get(0);
        assertThat(newest.get("looked_up_by").asString()).isEqualTo("test-auditor");
        assertThat(newest.get("records").asInt()).isEqualTo(shown);
        assertThat((long) Http.json(lookups).get("lookups").size()).isEqualTo(lookupsOf(OLA));

        // A reading that cannot be recorded shows nothing.
        jdbc.sql("""
                create function refuse_lookup() returns trigger language plpgsql
                as $$ begin raise exception 'lookup refused by the test'; end $$
                """).update();
        jdbc.sql("create trigger refuse_lookup before insert on token_audit_lookup execute function refuse_lookup()")
                .update();
        try {
            HttpResponse<String> unrecorded = Http.get(ISSUER + "/admin/api/token-audit?pid=" + OLA,
                    "Authorization", auditor);
            assertThat(unrecorded.statusCode()).as(unrecorded.body()).isEqualTo(500);
            assertThat(Http.json(unrecorded).get("error").asString()).as(unrecorded.body()).isEqualTo("server_error");
            assertThat(unrecorded.body()).doesNotContain("\"tokens\"").doesNotContain("lookup refused");
        } finally {
            jdbc.sql("drop trigger refuse_lookup on token_audit_lookup").update();
            jdbc.sql("drop function refuse_lookup()").update();
        }
    }

    private long lookupsOf(String pid) {
        return jdbc.sql("select count(*) from token_audit_lookup where pid_ref = ?").param(pids.reference(pid))
                .query(Long.class).single();
    }

    @Test
    void aReplayedAssertionGetsNoTokenAndLeavesNoRecord() {
        String assertion = ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { });
        assertThat(systemTokenForOla(assertion).statusCode()).isEqualTo(200);
        long recorded = count("token_audit");
        HttpResponse<String> replayed = systemTokenForOla(assertion);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(Http.json(replayed).get("error").asString()).isEqualTo("invalid_client");
        // The token was signed while the jti was checked; its record is written only after the check.
        assertThat(count("token_audit")).isEqualTo(recorded);
    }

    @Test
    void aTokenWhoseRecordCannotBeStoredIsNotReturned() {
        // PostgreSQL refuses every audit insert while this test runs (tests run one at a time).
        jdbc.sql("""
                create function refuse_audit() returns trigger language plpgsql
                as $$ begin raise exception 'audit refused by the test'; end $$
                """).update();
        jdbc.sql("create trigger refuse_audit before insert on token_audit execute function refuse_audit()").update();
        try {
            HttpResponse<String> response = systemTokenForOla(
                    ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Http.json(response).get("error").asString()).isEqualTo("temporarily_unavailable");
            assertThat(response.body()).doesNotContain("access_token");
            assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        } finally {
            jdbc.sql("drop trigger refuse_audit on token_audit").update();
            jdbc.sql("drop function refuse_audit()").update();
        }
        assertThat(systemTokenForOla(ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER,
                c -> { })).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> systemTokenForOla(String assertion) {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form(
                "grant_type", "client_credentials", "client_id", "test-system",
                "client_assertion_type", ClientAssertions.JWT_BEARER, "client_assertion", assertion,
                "scope", "records.read", "resource", ClientAssertions.RECORDS_API,
                "authorization_details", "[{\"type\":\"citizen\",\"pid\":\"" + OLA + "\"}]"));
    }

    @Test
    void aSystemTokenWithoutACitizenIsNeitherAuditedNorStored() {
        long auditBefore = count("token_audit");
        long storedBefore = count("oauth2_authorization");
        HttpResponse<String> response = ClientAssertions.clientCredentials(ISSUER, "test-system",
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }), "records.system");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count("token_audit")).isEqualTo(auditBefore);
        assertThat(count("oauth2_authorization")).isEqualTo(storedBefore);
    }

    @Test
    void theTokensOfACitizenLoginAreAudited() {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            browser.loginAs(browser.open(attempt.request().toURI()), OLA, "idporten-loa-high");
            client.finish(attempt, callback());
        }
        List<AuditRecord> records = audit.forCitizen(OLA);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.tokenKind()).isEqualTo("id_token");
            assertThat(r.clientId()).isEqualTo(TEST_RP);
            assertThat(r.actingPid()).isEqualTo(OLA);
            assertThat(r.representedPid()).isEqualTo(OLA);
        });
        assertThat(records).anySatisfy(r -> assertThat(r.tokenKind()).isEqualTo("access_token"));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
