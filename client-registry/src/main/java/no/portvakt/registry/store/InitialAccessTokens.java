package no.portvakt.registry.store;

import no.portvakt.registry.SecretHash;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Initial access tokens (RFC 7591 §3): an administrator issues one to a partner, and the partner registers one
 * client with it. Each is 256 random bits, shown once, stored as its SHA-256, used once, and expires.
 */
@Repository
public class InitialAccessTokens {

    public static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private final JdbcClient jdbc;

    InitialAccessTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for {@code partnerId}, valid for {@code lifetime} (at most 30 days). */
    public String issue(String partnerId, Duration lifetime, String createdBy) {
        String token = SecretHash.generate();
        jdbc.sql("insert into initial_access_token (token_sha256, partner_id, expires_at, created_by) values (?, ?, ?, ?)")
                .params(SecretHash.sha256Hex(token), partnerId, Timestamp.from(Instant.now().plus(lifetime)),
                        createdBy).update();
        return token;
    }

    /** The partner a valid, unused token was issued to, without using it up. */
    public Optional<String> partnerOf(String token) {
        return jdbc.sql("select partner_id from initial_access_token where token_sha256 = ? and expires_at > now()")
                .param(SecretHash.sha256Hex(token)).query(String.class).optional();
    }

    /** The partner a valid, unused token was issued to; the token is used up. */
    public Optional<String> use(String token) {
        return jdbc.sql("delete from initial_access_token where token_sha256 = ? and expires_at > now() "
                        + "returning partner_id")
                .param(SecretHash.sha256Hex(token)).query(String.class).optional();
    }
}
