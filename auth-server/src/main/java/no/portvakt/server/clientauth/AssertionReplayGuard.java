package no.portvakt.server.clientauth;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * RFC 7523 §3 item 7: the authorization server may ensure a JWT is not replayed by keeping its {@code jti} until
 * it expires. Kept in PostgreSQL, so a jti used at one instance is refused at every other. Housekeeping deletes
 * rows after their expiry.
 */
@Component
public class AssertionReplayGuard {

    private final JdbcClient jdbc;

    public AssertionReplayGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the jti; false when this client used it before. */
    public boolean firstUse(String clientId, String jti, Instant expiresAt) {
        return jdbc.sql("""
                insert into client_assertion_jti (client_id, jti, expires_at) values (?, ?, ?)
                on conflict do nothing
                """).params(clientId, jti, Timestamp.from(expiresAt)).update() == 1;
    }
}
