package no.portvakt.server.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Expired rows go, in batches; live rows stay. */
class HousekeepingTest extends PortvaktTestBase {

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredAuthorizationsJtisAndStaleRequestsAreDeletedAndLiveOnesKept() {
        jdbc.sql("""
                insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
                    access_token_value, access_token_expires_at)
                select 'hk-expired-' || g, 'test-rp', 'hk', 'client_credentials', 'v' || g, now() - interval '2 hours'
                from generate_series(1, 2500) g
                """).update();
        jdbc.sql("""
                insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
                    access_token_value, access_token_expires_at, refresh_token_value, refresh_token_expires_at)
                values ('hk-live', 'test-rp', 'hk', 'authorization_code', 'live', now() - interval '2 hours',
                        'live-refresh', now() + interval '1 hour')
                """).update();
        jdbc.sql("""
                insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
                    state, created_at)
                values ('hk-stale-par', 'test-rp', 'hk', 'authorization_code', 'stale', now() - interval '2 hours'),
                       ('hk-fresh-par', 'test-rp', 'hk', 'authorization_code', 'fresh', now())
                """).update();
        jdbc.sql("""
                insert into client_assertion_jti (client_id, jti, expires_at)
                values ('test-system', 'hk-old', now() - interval '1 minute'),
                       ('test-system', 'hk-new', now() + interval '1 minute')
                """).update();

        housekeeping.run();

        assertThat(ids("hk-%")).containsExactlyInAnyOrder("hk-live", "hk-fresh-par");
        assertThat(jdbc.sql("select jti from client_assertion_jti where jti like 'hk-%'").query(String.class).list())
                .containsExactly("hk-new");
    }

    private java.util.List<String> ids(String pattern) {
        return jdbc.sql("select id from oauth2_authorization where id like ?").param(pattern).query(String.class)
                .list();
    }
}
