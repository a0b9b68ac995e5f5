package no.portvakt.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.ScratchDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * An existing trail, with its fødselsnumre in clear, upgraded: every record and every reading of a trail is still
 * there and found by the citizen's number, none of it in clear any more, the months partitioned.
 */
class AuditMigrationTest extends PortvaktTestBase {

    private static final String OLA = "28816196088";

    @Test
    void aTrailInClearIsMovedSealedAndStillFound() throws Exception {
        try (ScratchDatabase database = scratchDatabase("audit_migration")) {
            upgradeAndCheck(database);
        }
    }

    private void upgradeAndCheck(ScratchDatabase database) throws Exception {
        ConfigurableApplicationContext upgraded = null;
        try {
            DriverManagerDataSource before = new DriverManagerDataSource(database.url(), database.user(), "");
            Flyway.configure().dataSource(before).locations("classpath:db/migration")
                    .placeholders(Map.of("kekid", "kek-1")).target("25").load().migrate();
            JdbcClient old = JdbcClient.create(before);
            Instant lastYear = Instant.now().minus(400, ChronoUnit.DAYS);
            for (int i = 0; i < 3; i++) {
                old.sql("""
                        insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes,
                            acting_pid, represented_pid, jti) values (?, 'access_token', 'client_credentials',
                            'test-system', 'https://records', 'records.read', null, ?, ?)
                        """).params(Timestamp.from(lastYear.plus(i, ChronoUnit.DAYS)), OLA, "old-" + i).update();
            }
            old.sql("insert into token_audit_lookup (looked_up_by, pid, records) values ('an-auditor', ?, 3)")
                    .param(OLA).update();

            int port = freePort();
            upgraded = new SpringApplicationBuilder(PortvaktApplication.class).profiles("test")
                    .run(instanceArguments("--server.port=" + port, database.arguments()[0],
                            database.arguments()[1]));
            String instance = "http://localhost:" + port;
            String auditor = "Bearer " + token(instance);
            JsonNode trail = Http.json(Http.get(instance + "/admin/api/token-audit?pid=" + OLA, "Authorization",
                    auditor));
            assertThat(trail.get("tokens").findValuesAsString("jti")).containsExactly("old-2", "old-1", "old-0");
            assertThat(trail.get("tokens").get(0).get("represented_pid").asString()).isEqualTo(OLA);
            JsonNode lookups = Http.json(Http.get(instance + "/admin/api/token-audit/lookups?pid=" + OLA,
                    "Authorization", auditor));
            assertThat(lookups.get("lookups").findValuesAsString("looked_up_by"))
                    .contains("an-auditor", "test-auditor");

            JdbcClient now = JdbcClient.create(before);
            List<String> months = now.sql("select distinct tableoid::regclass::text from token_audit")
                    .query(String.class).list();
            assertThat(months).isNotEmpty().allMatch(name -> name.matches("token_audit_y\\d{4}m\\d{2}"));
            assertThat(now.sql("select to_regclass('token_audit_clear')::text").query(String.class).optional())
                    .isEmpty();
            assertThat(now.sql("select t::text from token_audit t").query(String.class).list())
                    .noneMatch(row -> row.contains(OLA));
        } finally {
            if (upgraded != null) {
                upgraded.close();
            }
        }
    }

    private static String token(String instance) {
        HttpResponse<String> response = Http.postForm(instance + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "portvakt.audit", "resource", ISSUER + "/admin/api"),
                "test-auditor:test-auditor-secret-0123456789-0123456789-012345");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("access_token").asString();
    }
}
