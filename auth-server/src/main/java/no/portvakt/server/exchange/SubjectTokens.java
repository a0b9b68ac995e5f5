package no.portvakt.server.exchange;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import no.portvakt.server.audit.AuditRecord;
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
 * then asks {@link SubjectChecks} whether it still holds, with the new token's audit record, while the token is
 * signed (an exchange stores nothing,
 * so it may be refused up to the moment its token leaves). A changed row is read again. What is kept is only read,
 * so it is never written back stale, and a revocation or a logout on any instance counts at the next exchange.
 */
final class SubjectTokens {

    static final int MAX_KEPT = 10_000;

    private final OAuth2AuthorizationService authorizations;
    private final JdbcClient jdbc;
    private final SubjectChecks checks;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /**
     * A subject token's authorization as kept, and the check that it still holds, run with the audit record of the
     * token exchanged for it (written only if it holds).
     */
    record Subject(OAuth2Authorization authorization,
                   Function<AuditRecord, CompletableFuture<SubjectChecks.Standing>> checkAndRecord) {
    }

    private record Kept(OAuth2Authorization authorization, CitizenAuthentication citizen, long version) {
    }

    SubjectTokens(OAuth2AuthorizationService authorizations, JdbcClient jdbc, SubjectChecks checks) {
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.checks = checks;
    }

    /** Empty unless the token is a stored, active access token of a logged-in citizen (as last read). */
    Optional<Subject> find(String token) {
        Kept subject = kept.get(token);
        if (subject == null || !subject.authorization().getAccessToken().isActive()) {
            kept.remove(token);
            subject = read(token);
            if (subject == null) {
                return Optional.empty();
            }
        }
        Kept checked = subject;
        return Optional.of(new Subject(checked.authorization(), record -> {
            CompletableFuture<SubjectChecks.Standing> standing = checks.check(new SubjectChecks.Check(
                    checked.authorization().getId(), checked.version(), checked.citizen().citizen().sid(), record));
            standing.thenAccept(s -> {
                if (s == SubjectChecks.Standing.CHANGED) {
                    kept.remove(token, checked); // the next exchange reads it again
                }
            });
            return standing;
        }));
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
