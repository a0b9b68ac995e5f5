package no.portvakt.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What an operator's platform reads on the management port: liveness, readiness (the database and a signing key),
 * info (the version, and what signs), and Prometheus metrics; none of it on the public port.
 */
class ManagementEndpointsTest extends PortvaktTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void livenessAndReadinessAreUpWithTheDatabaseAndASigningKey() {
        HttpResponse<String> liveness = Http.get(MANAGEMENT + "/actuator/health/liveness");
        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(Http.json(liveness).get("status").asString()).isEqualTo("UP");

        HttpResponse<String> readiness = Http.get(MANAGEMENT + "/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode components = Http.json(readiness).get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("signingKey").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.body()).doesNotContain("password").doesNotContain("jdbc:");
    }

    @Test
    void readinessGoesDownWhenTheDatabaseCannotBeReachedAndLivenessDoesNot() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        HttpResponse<String> readiness;
        HttpResponse<String> liveness;
        try {
            // Every connection taken: to Portvakt, PostgreSQL is as good as gone.
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(pool.getConnection());
            }
            readiness = Http.get(MANAGEMENT + "/actuator/health/readiness");
            liveness = Http.get(MANAGEMENT + "/actuator/health/liveness");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(Http.json(readiness).get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        assertThat(liveness.statusCode()).as("a live instance is not restarted for its database").isEqualTo(200);
        // Ready again once connections are asked for again (after portvakt.database.fail-fast-for, 1 s).
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
            status = Http.get(MANAGEMENT + "/actuator/health/readiness").statusCode();
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void infoSaysTheVersionAndWhatSigns() {
        JsonNode info = Http.json(Http.get(MANAGEMENT + "/actuator/info"));
        assertThat(info.get("app").get("version").asString()).isNotBlank().doesNotContain("@");
        assertThat(info.get("signing").get("signer").asString()).isNotBlank();
        assertThat(info.get("signing").get("kid").asString()).isNotBlank();
    }

    @Test
    void prometheusCountsTheTokensIssuedByGrantClientAndApi() {
        HttpResponse<String> token = ClientAssertions.clientCredentials(ISSUER, "test-system",
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }), "records.system");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        String metrics = Http.get(MANAGEMENT + "/actuator/prometheus").body();
        assertThat(metrics).contains("portvakt_tokens_issued_total{")
                .containsPattern("portvakt_tokens_issued_total\\{[^}]*api=\"" + ClientAssertions.RECORDS_API
                        + "\"[^}]*client=\"test-system\"[^}]*grant=\"client_credentials\"[^}]*kind=\"system_token\"")
                .contains("http_server_requests_seconds_bucket")
                .contains("portvakt_signing_key_age_seconds")
                .contains("hikaricp_connections");
    }

    @Test
    void prometheusCountsRefusedClientAuthenticationsByError() {
        HttpResponse<String> refused = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "client_credentials"), TEST_RP + ":not-the-secret");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.get(MANAGEMENT + "/actuator/prometheus").body())
                .containsPattern("portvakt_client_authentication_refused_total\\{[^}]*error=\"invalid_client\"");
    }

    @Test
    void prometheusShowsTheStatementsTokensWaitForAndTheDeliveryBacklogs() {
        HttpResponse<String> token = ClientAssertions.clientCredentials(ISSUER, "test-system",
                ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { }), "records.system");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);

        assertThat(Http.get(MANAGEMENT + "/actuator/prometheus").body())
                .containsPattern("portvakt_group_commit_wait_seconds_count\\{[^}]*writer=\"assertion-jti-writer\"\\} [1-9]")
                .containsPattern("portvakt_group_commit_batch_count\\{[^}]*writer=\"assertion-jti-writer\"\\} [1-9]")
                .containsPattern("portvakt_group_commit_refused_total\\{[^}]*reason=\"deadline\"")
                .containsPattern("portvakt_group_commit_queued\\{[^}]*writer=\"token-audit-writer\"")
                .containsPattern("portvakt_pvk_deliveries_pending(\\{[^}]*\\})? [0-9]")
                .containsPattern("portvakt_pvk_deliveries_dead(\\{[^}]*\\})? [0-9]")
                .contains("portvakt_pvk_deliveries_oldest_pending_seconds")
                .containsPattern("portvakt_pvk_deliveries_total\\{[^}]*outcome=\"received\"")
                .containsPattern("portvakt_logout_deliveries_pending(\\{[^}]*\\})? [0-9]")
                .containsPattern("portvakt_logout_deliveries_total\\{[^}]*outcome=\"given_up\"");
    }

    /**
     * The dashboard in docs/ops asks only for metrics Portvakt publishes: each is on the Prometheus page, or (for
     * those that appear with their first event) in docs/operations.md's table.
     */
    @Test
    void theDashboardAsksOnlyForMetricsThatExist() throws IOException {
        String dashboard = Files.readString(Path.of("../docs/ops/grafana-dashboard.json"));
        String operations = Files.readString(Path.of("../docs/operations.md"));
        String metrics = Http.get(MANAGEMENT + "/actuator/prometheus").body();
        Matcher name = Pattern.compile("\\b((?:portvakt|hikaricp|http_server|jvm)_[a-z_]+)").matcher(
                Http.json(dashboard).get("panels").toString());
        List<String> asked = new ArrayList<>();
        while (name.find()) {
            asked.add(name.group(1));
        }
        assertThat(asked).hasSizeGreaterThan(15);
        for (String metric : asked) {
            String family = metric.replaceAll("_(total|bucket|sum|count)$", "");
            assertThat(metrics.contains(metric) || operations.contains("`" + family.replace("_seconds", "")))
                    .as(metric).isTrue();
        }
    }

    @Test
    void thePublicPortHasNoneOfIt() {
        assertThat(Http.get(ISSUER + "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(Http.get(ISSUER + "/actuator/prometheus").statusCode()).isEqualTo(404);
    }
}
