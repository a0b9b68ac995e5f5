package no.portvakt.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    void readinessGoesDownWhenTheDatabaseCannotBeReachedAndLivenessDoesNot() throws SQLException {
        HikariDataSource pool = (HikariDataSource) dataSource;
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
        assertThat(Http.get(MANAGEMENT + "/actuator/health/readiness").statusCode()).isEqualTo(200);
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
    void thePublicPortHasNoneOfIt() {
        assertThat(Http.get(ISSUER + "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(Http.get(ISSUER + "/actuator/prometheus").statusCode()).isEqualTo(404);
    }
}
