package no.portvakt.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import no.portvakt.server.audit.PidProtection;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL that does not answer in time (a table locked by a migration or an operator's statement) costs a
 * request a bounded wait and a 503 it can act on, never a hang or a 500, and leaves nothing behind: no audit record
 * of a token that was not sent, and no jti used up by an assertion nothing was issued for.
 */
class DatabaseFaultTest extends PortvaktTestBase {


    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PidProtection pids;

    @Test
    void aLockedClientRegistryAnswers503WithRetryAfterInsteadOfWaiting() throws SQLException {
        String unknownClient = "fault-" + UUID.randomUUID() + ":secret";
        Map<String, String> form = Http.form("grant_type", "client_credentials", "scope", "records.read");
        HttpResponse<String> refused;
        try (Lock lock = locked("client")) {
            refused = Http.postForm(ISSUER + "/oauth2/token", form, unknownClient);
        }
        assertUnavailable(refused);
        // The lock gone, the same request is answered as ever: the client is unknown.
        assertThat(Http.postForm(ISSUER + "/oauth2/token", form, unknownClient).statusCode()).isEqualTo(401);
    }

    @Test
    void aClientKnownAMomentAgoStillGetsATokenThatNeedsNoDatabaseWhileTheRegistryIsLocked() throws Exception {
        adminToken(TEST_ADMIN, "portvakt.admin"); // the client and the API read, as on any busy day
        HttpResponse<String> served;
        try (Lock lock = locked("client, api, api_scope, api_scope_grant, partner")) {
            Thread.sleep(1_500); // past the suite's cache time (1 s)
            served = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                    "scope", "portvakt.admin", "resource", ISSUER + "/admin/api"), TEST_ADMIN);
        }
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(Http.get(MANAGEMENT + "/actuator/prometheus").body())
                .containsPattern("portvakt_registry_stale_total\\{[^}]*cache=\"clients\"[^}]*\\} [1-9]");
    }

    @Test
    void aBrowserMeetingALockedRegistryGetsAPageInItsLanguageNotAHang() throws SQLException {
        URI authorize = URI.create(ISSUER + "/oauth2/authorize?response_type=code&client_id=fault-"
                + UUID.randomUUID() + "&redirect_uri=" + callbackUri() + "&scope=openid");
        HttpResponse<String> page;
        try (Lock lock = locked("client")) {
            page = Http.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html")
                    .header("Accept-Language", "nn").GET().build());
        }
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).contains("5");
        assertThat(page.body()).contains("Tenesta er mellombels utilgjengeleg").doesNotContain("Exception");
    }

    @Test
    void aTokenWhoseAuditRecordCannotBeWrittenIsNotSentAndLeavesNoRecordAndItsAssertionMaySendAgain()
            throws SQLException {
        Map<String, String> form = systemTokenForKari();
        long recordsBefore = records();
        HttpResponse<String> refused;
        try (Lock lock = locked("token_audit")) {
            refused = Http.postForm(ISSUER + "/oauth2/token", form);
        }
        assertUnavailable(refused);
        assertThat(refused.body()).doesNotContain("access_token").contains("could not be recorded");
        assertThat(records()).as("no audit record of a token that was not sent").isEqualTo(recordsBefore);

        // Nothing was issued for the assertion: the client sends the same one again, and gets its token.
        HttpResponse<String> retried = Http.postForm(ISSUER + "/oauth2/token", form);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(records()).isEqualTo(recordsBefore + 1);
        // And it is used now.
        assertThat(Http.postForm(ISSUER + "/oauth2/token", form).statusCode()).isEqualTo(401);
    }

    /**
     * Audit batches that each take 4 s (a slow disk, a busy server): past the 3 s a token request waits for what
     * it depends on, and a second request queues behind the first's batch. Each answer tells the truth, also once
     * everything has settled: a token was sent if and only if its record is stored. The writer then recovers.
     */
    @Test
    void aTokenIsSentIfAndOnlyIfItsAuditRecordIsStoredWhenAuditBatchesAreSlow() throws Exception {
        long recordsBefore = records();
        List<HttpResponse<String>> answers;
        try (SlowInserts slow = slowInserts("token_audit", 4)) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Map<String, String> form = systemTokenForKari();
                sent.add(CompletableFuture.supplyAsync(() -> Http.postForm(ISSUER + "/oauth2/token", form)));
                Thread.sleep(500);
            }
            answers = sent.stream().map(CompletableFuture::join).toList();
            Thread.sleep(5_000); // past every statement the writer could still have been running
        }
        List<String> sentJtis = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            if (answer.statusCode() == 200) {
                sentJtis.add(SignedJWT.parse(Http.json(answer).get("access_token").asString()).getJWTClaimsSet()
                        .getJWTID());
            } else {
                assertUnavailable(answer);
            }
        }
        assertThat(sentJtis).as("at least the second waited past its deadline").hasSizeLessThan(2);
        assertThat(records()).as("a record for each token sent, none for a token refused")
                .isEqualTo(recordsBefore + sentJtis.size());

        HttpResponse<String> after = Http.postForm(ISSUER + "/oauth2/token", systemTokenForKari());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(records()).isEqualTo(recordsBefore + sentJtis.size() + 1);
    }

    private long records() {
        return jdbc.sql("select count(*) from token_audit where represented_ref = ?").param(pids.reference(KARI))
                .query(Long.class).single();
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("temporarily_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    /** A transaction of its own holding {@code table} locked against everyone, as a migration does. */
    private Lock locked(String table) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + table + " in access exclusive mode");
        }
        return new Lock(connection);
    }

    /** Every insert statement into {@code table} sleeps {@code seconds} first (a statement-level trigger). */
    private SlowInserts slowInserts(String table, double seconds) {
        jdbc.sql("create or replace function portvakt_test_slow() returns trigger language plpgsql as "
                + "$$ begin perform pg_sleep(" + seconds + "); return null; end $$").update();
        jdbc.sql("create trigger portvakt_test_slow before insert on " + table
                + " for each statement execute function portvakt_test_slow()").update();
        return () -> {
            jdbc.sql("drop trigger portvakt_test_slow on " + table).update();
            jdbc.sql("drop function portvakt_test_slow()").update();
        };
    }

    private interface SlowInserts extends AutoCloseable {
        @Override
        void close();
    }

    private record Lock(Connection connection) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.setAutoCommit(true);
            connection.close();
        }
    }

    private static Map<String, String> systemTokenForKari() {
        return ClientAssertions.systemTokenNaming(ISSUER, SYSTEM_CLIENT_KEY, KARI);
    }
}
