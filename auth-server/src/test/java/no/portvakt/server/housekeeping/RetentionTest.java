package no.portvakt.server.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records past their retention go (an audit month as a whole partition, the rest in batches), recent ones stay,
 * and the audit trail's coming months are ready before their first token.
 */
class RetentionTest extends PortvaktTestBase {

    @Autowired
    Retention retention;

    @Autowired
    JdbcClient jdbc;

    @Test
    void whatIsPastItsRetentionGoesAndTheComingMonthsAreReady() {
        // An audit month of 2019 (partitioned), a row of 2019 with no month of its own (kept in the default
        // partition), and one of now.
        jdbc.sql("select token_audit_month('2019-03-01')").query().singleRow();
        insertAudit("2019-03-15T12:00:00Z", "retention-old-month");
        insertAudit("2019-05-15T12:00:00Z", "retention-old-default");
        insertAudit(java.time.Instant.now().toString(), "retention-recent");
        assertThat(partitionOf("retention-old-default")).isEqualTo("token_audit_default");
        jdbc.sql("""
                insert into security_event (occurred_at, kind, subject) values
                    (now() - interval '3 years', 'retention-test', 'old'), (now(), 'retention-test', 'recent')
                """).update();
        jdbc.sql("""
                insert into registry_change (changed_at, actor, entity, entity_id, action) values
                    (now() - interval '6 years', 'retention-test', 'client', 'old', 'update'),
                    (now(), 'retention-test', 'client', 'recent', 'update')
                """).update();
        jdbc.sql("""
                insert into logout_delivery (client_id, logout_uri, logout_token, created_at, delivered_at,
                    given_up_at) values
                    ('retention-test', 'https://rp/old', 't', now() - interval '40 days', now() - interval '40 days', null),
                    ('retention-test', 'https://rp/given-up', 't', now() - interval '40 days', null, now() - interval '39 days'),
                    ('retention-test', 'https://rp/pending', 't', now() - interval '40 days', null, null),
                    ('retention-test', 'https://rp/recent', 't', now(), now(), null)
                """).update();

        retention.run();

        assertThat(jdbc.sql("select to_regclass('token_audit_y2019m03')::text").query(String.class).optional())
                .as("the old month dropped whole").isEmpty();
        assertThat(jtis()).contains("retention-recent").doesNotContain("retention-old-month",
                "retention-old-default");
        assertThat(jdbc.sql("select subject from security_event where kind = 'retention-test'").query(String.class)
                .list()).containsExactly("recent");
        assertThat(jdbc.sql("select entity_id from registry_change where actor = 'retention-test'")
                .query(String.class).list()).containsExactly("recent");
        assertThat(jdbc.sql("select logout_uri from logout_delivery where client_id = 'retention-test'")
                .query(String.class).list()).as("an undelivered one is kept: it may still be sent")
                .containsExactlyInAnyOrder("https://rp/pending", "https://rp/recent");
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        for (int ahead = 0; ahead <= 2; ahead++) {
            LocalDate m = month.plusMonths(ahead);
            assertThat(jdbc.sql("select to_regclass(?)::text").param(String.format("token_audit_y%04dm%02d",
                    m.getYear(), m.getMonthValue())).query(String.class).optional()).isPresent();
        }
    }

    @Test
    void aMonthCreatedLateTakesItsRowsFromTheDefaultPartition() {
        insertAudit("2031-07-04T08:00:00Z", "retention-future");
        assertThat(partitionOf("retention-future")).isEqualTo("token_audit_default");
        jdbc.sql("select token_audit_month('2031-07-01')").query().singleRow();
        assertThat(partitionOf("retention-future")).isEqualTo("token_audit_y2031m07");
        jdbc.sql("drop table token_audit_y2031m07").update();
    }

    private void insertAudit(String issuedAt, String jti) {
        jdbc.sql("""
                insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes, jti)
                values (?::timestamptz, 'access_token', 'client_credentials', 'test-system', 'a', 's', ?)
                """).params(issuedAt, jti).update();
    }

    private String partitionOf(String jti) {
        return jdbc.sql("select tableoid::regclass::text from token_audit where jti = ?").param(jti)
                .query(String.class).single();
    }

    private java.util.List<String> jtis() {
        return jdbc.sql("select jti from token_audit where jti like 'retention-%'").query(String.class).list();
    }
}
