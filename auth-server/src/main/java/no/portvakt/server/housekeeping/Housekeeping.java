package no.portvakt.server.housekeeping;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what has expired, in bounded batches so no run holds long locks: authorizations (codes, tokens, PAR
 * requests) whose every part has expired, used client-assertion jtis, and consents of clients that no longer
 * exist. Spring Session deletes expired sessions itself ({@code spring.session.jdbc.cleanup-cron}).
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;
    private final HousekeepingProperties settings;
    private final Clock clock;

    public Housekeeping(JdbcClient jdbc, HousekeepingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settings = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${portvakt.housekeeping.interval:5m}",
            initialDelayString = "${portvakt.housekeeping.interval:5m}")
    public void run() {
        Instant now = clock.instant();
        Timestamp cutoff = Timestamp.from(now.minus(settings.grace()));
        int authorizations = drain(expiredAuthorizations(), cutoff, cutoff);
        int jtis = drain("""
                delete from client_assertion_jti where ctid in (
                    select ctid from client_assertion_jti where expires_at < ? limit ?)
                """, Timestamp.from(now));
        jtis += drain("""
                delete from rotated_refresh_token where ctid in (
                    select ctid from rotated_refresh_token where expires_at < ? limit ?)
                """, Timestamp.from(now));
        int consents = drain("""
                delete from oauth2_authorization_consent where ctid in (
                    select ctid from oauth2_authorization_consent c
                    where not exists (select 1 from client where client_id = c.registered_client_id)
                    limit ?)
                """);
        // The ID-porten link of a login session that simply expired (an ended one takes its row with it).
        consents += drain("""
                delete from upstream_login where ctid in (
                    select ctid from upstream_login u where created_at < ?
                    and not exists (select 1 from spring_session s where s.principal_name = u.sid)
                    limit ?)
                """, cutoff);
        if (authorizations + jtis + consents > 0) {
            log.info("Housekeeping removed {} authorizations, {} used jtis and rotated refresh tokens, {} orphaned consents",
                    authorizations, jtis, consents);
        }
    }

    /** An authorization goes when no part of it (code, access, refresh, ID token, PAR state) can still be used. */
    private static String expiredAuthorizations() {
        return """
                delete from oauth2_authorization where id in (
                    select id from oauth2_authorization
                    where greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                                   oidc_id_token_expires_at, device_code_expires_at, user_code_expires_at) < ?
                       or (created_at < ? and authorization_code_expires_at is null
                           and access_token_expires_at is null and refresh_token_expires_at is null
                           and oidc_id_token_expires_at is null and device_code_expires_at is null
                           and user_code_expires_at is null)
                    limit ?)
                """;
    }

    private int drain(String sql, Object... cutoffs) {
        return Batches.drain(jdbc, settings.batchSize(), sql, cutoffs);
    }
}
