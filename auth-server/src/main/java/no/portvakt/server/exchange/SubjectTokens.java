package no.portvakt.server.exchange;

import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The subject tokens of token exchanges. A portal backend exchanges the same citizen's access token for every
 * partner call, and reading its authorization (a wide row, partly out of line, and the JSON of the whole
 * authorization) cost more than the rest of the exchange but the signature. So each is read once and kept in
 * memory with the row version it was read at (PostgreSQL's {@code xmin}, new with every update); every exchange
 * then asks one small question on the primary key: is the row still there at that version (not revoked, not
 * refreshed, not removed), and is the citizen's login session alive. A changed row is read again. What is kept is
 * only read (an exchange stores nothing), so it is never written back stale, and a revocation or a logout on any
 * instance counts at the next exchange.
 */
final class SubjectTokens {

    static final int MAX_KEPT = 10_000;

    private final OAuth2AuthorizationService authorizations;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** A subject token's authorization as stored now, and whether its citizen's login session is alive. */
    record Subject(OAuth2Authorization authorization, boolean sessionAlive) {
    }

    private record Kept(OAuth2Authorization authorization, CitizenAuthentication citizen, long version) {
    }

    SubjectTokens(OAuth2AuthorizationService authorizations, JdbcClient jdbc, Clock clock) {
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Empty unless the token is a stored, active access token of a logged-in citizen. */
    Optional<Subject> find(String token) {
        Kept subject = kept.get(token);
        if (subject == null || !subject.authorization().getAccessToken().isActive()) {
            kept.remove(token);
            subject = read(token);
            if (subject == null) {
                return Optional.empty();
            }
        }
        Optional<Boolean> sessionAlive = jdbc.sql("""
                select exists (select 1 from spring_session where principal_name = ? and expiry_time > ?)
                from oauth2_authorization where id = ? and xmin::text::bigint = ?
                """).params(subject.citizen().citizen().sid(), clock.millis(), subject.authorization().getId(),
                        subject.version())
                .query(Boolean.class).optional();
        if (sessionAlive.isEmpty()) {
            kept.remove(token); // changed since it was read: the next exchange reads it again
            return Optional.empty();
        }
        return Optional.of(new Subject(subject.authorization(), sessionAlive.get()));
    }

    /** The version first, then the authorization: a change in between is seen as a change at the next check. */
    private Kept read(String token) {
        Optional<Long> version = jdbc.sql(
                "select xmin::text::bigint from oauth2_authorization where access_token_value = ?")
                .param(token).query(Long.class).optional();
        if (version.isEmpty()) {
            return null;
        }
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null || authorization.getAccessToken() == null
                || !authorization.getAccessToken().isActive()
                || !(authorization.getAttribute(Principal.class.getName()) instanceof CitizenAuthentication citizen)) {
            return null;
        }
        Kept read = new Kept(authorization, citizen, version.get());
        if (kept.size() >= MAX_KEPT) {
            kept.values().removeIf(k -> !k.authorization().getAccessToken().isActive());
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
        }
        kept.put(token, read);
        return read;
    }
}
