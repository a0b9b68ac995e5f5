package no.portvakt.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.keys.SigningKeys;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A Portvakt whose PostgreSQL process is stopped, then started again: what needs the database is answered 503 at
 * once (after one request has waited the connection timeout, the others are refused without waiting), what does
 * not keeps answering (also while the requests that need it pile up), readiness goes down and liveness does not,
 * and once PostgreSQL is back everything works again by itself.
 */
class DatabaseOutageTest extends PortvaktTestBase {

    private static final Path DATA = Path.of("target/pgdata-outage");
    private static final int PG_PORT = freePort();
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext instance;
    private static String url;
    private static String management;

    @BeforeAll
    static void startAnInstanceOnItsOwnPostgres() throws IOException {
        // CI's fallback without user namespaces (root) has no embedded PostgreSQL to stop, only the shared server.
        assumeThat(System.getenv("DB_URL")).as("an embedded PostgreSQL of the test's own").isNull();
        FileSystemUtils.deleteRecursively(DATA); // a cluster of its own, new each run
        postgres = startPostgres();
        int port = freePort();
        url = "http://localhost:" + port;
        instance = new SpringApplicationBuilder(PortvaktApplication.class).profiles("test").run(instanceArguments(
                "--server.port=" + port, "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        management = "http://localhost:" + instance.getEnvironment().getProperty("local.management.port");
    }

    @AfterAll
    static void stop() throws IOException {
        if (instance != null) {
            instance.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whileItsPostgresIsStoppedAnInstanceAnswersQuicklyAndKeepsServingWhatNeedsNoDatabaseThenRecovers()
            throws Exception {
        assertThat(token(systemTokenForKari()).statusCode()).isEqualTo(200);
        assertThat(adminToken().statusCode()).isEqualTo(200); // the client and API read, as on any busy day

        postgres.close();
        try {
            // Twenty requests that need the database at once, beside those that do not.
            List<CompletableFuture<HttpResponse<String>>> needingIt = IntStream.range(0, 20)
                    .mapToObj(i -> systemTokenForKari())
                    .map(form -> CompletableFuture.supplyAsync(() -> token(form))).toList();
            // The keys read before go on: a refresh meeting no database keeps them.
            instance.getBean(SigningKeys.class).refreshIfReachable();
            assertThat(Http.get(url + "/oauth2/jwks").statusCode()).isEqualTo(200);
            assertThat(Http.get(url + "/.well-known/openid-configuration").statusCode()).isEqualTo(200);
            HttpResponse<String> admin = adminToken();
            assertThat(admin.statusCode()).as("a client known a moment ago, a grant storing nothing: " + admin.body())
                    .isEqualTo(200);
            for (CompletableFuture<HttpResponse<String>> answer : needingIt) {
                HttpResponse<String> refused = answer.join();
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(Http.json(refused).get("error").asString()).isEqualTo("temporarily_unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).contains("5");
            }
            HttpResponse<String> login = Http.get(url + "/login");
            assertThat(login.statusCode()).isEqualTo(503);
            assertThat(login.body()).doesNotContain("Exception");
            assertThat(Http.get(management + "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(Http.get(management + "/actuator/health/liveness").statusCode()).isEqualTo(200);
            // Most of them refused without waiting for the pool: one in a while asks PostgreSQL again.
            assertThat(Http.get(management + "/actuator/prometheus").body())
                    .containsPattern("portvakt_database_connections_refused_total(\\{[^}]*\\})? [1-9]");
        } finally {
            postgres = startPostgres();
        }

        // Back by itself: the pool connects again, nothing to restart.
        HttpResponse<String> again = null;
        for (int attempt = 0; attempt < 30 && (again == null || again.statusCode() != 200); attempt++) {
            if (attempt > 0) {
                Thread.sleep(1_000);
            }
            again = token(systemTokenForKari());
        }
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Http.get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(Http.get(url + "/login").statusCode()).isEqualTo(200);
    }

    /** PostgreSQL on the test's own data folder and port, which it keeps when stopped (to start again on). */
    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false).setPort(PG_PORT)
                .start();
    }

    private static HttpResponse<String> token(Map<String, String> form) {
        return Http.postForm(url + "/oauth2/token", form);
    }

    private static HttpResponse<String> adminToken() {
        return Http.postForm(url + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "portvakt.admin", "resource", ISSUER + "/admin/api"), TEST_ADMIN);
    }

    private static Map<String, String> systemTokenForKari() {
        return ClientAssertions.systemTokenNaming(ISSUER, SYSTEM_CLIENT_KEY, KARI);
    }
}
