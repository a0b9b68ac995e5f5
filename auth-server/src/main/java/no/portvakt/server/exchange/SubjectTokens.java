package no.portvakt.server.exchange;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.portvakt.server.issuance.PendingCheck;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.tokens.DelegatingAuthorizationService;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The subject tokens of token exchanges. A portal backend exchanges the same citizen's access token for every
 * partner call, and reading its authorization (a wide row, partly out of line, and the JSON of the whole
 * authorization) cost more than the rest of the exchange but the signature. So each is read once and kept in
 * memory with the row version it was read at (PostgreSQL's {@code xmin}, new with every update); every exchange
 * then asks {@link SubjectChecks} whether it still holds, with the new token's audit record, once the token is
 * signed (an exchange stores nothing, so it may be refused up to the moment its token leaves). A changed row is
 * read again. What is kept is only read, so it is never written back stale, and a revocation or a logout on any
 * instance counts at the next exchange.
 */
final class SubjectTokens {

    static final int MAX_KEPT = 10_000;
    static final String NOT_ACTIVE = "subject_token is not an active access token of a logged-in citizen";

    private final OAuth2AuthorizationService authorizations;
    private final JdbcClient jdbc;
    private final SubjectChecks checks;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /**
     * A subject token's authorization as kept, its citizen, and the check that it still holds (not revoked, the
     * session alive), made once the exchanged token is signed, in the statement that writes its audit record:
     * written only if it holds.
     */
    record Subject(OAuth2Authorization authorization, Citizen citizen, PendingCheck stillHolds) {
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
        return Optional.of(new Subject(checked.authorization(), checked.citizen().citizen(), (records, deadline) -> {
            if (records.size() != 1) {
                throw new IllegalStateException("an exchange issues one token, not " + records.size());
            }
            return checks.check(new SubjectChecks.Check(checked.authorization().getId(), checked.version(),
                    checked.citizen().citizen().sid(), records.get(0)), deadline).thenApply(standing -> {
                        switch (standing) {
                            case HOLDS -> { }
                            case SESSION_ENDED -> throw CitizenTokenExchange.error(OAuth2ErrorCodes.INVALID_GRANT,
                                    "the citizen's session has ended");
                            case CHANGED -> {
                                kept.remove(token, checked); // the next exchange reads it again
                                throw CitizenTokenExchange.error(OAuth2ErrorCodes.INVALID_GRANT, NOT_ACTIVE);
                            }
                        }
                        return true;
                    });
        }));
    }

    /**
     * {@code store}, except that a kept subject token's authorization is answered as kept: the framework's exchange
     * reads the subject token again after these rules checked it, and the check before the token leaves covers
     * both reads.
     */
    OAuth2AuthorizationService asChecked(OAuth2AuthorizationService store) {
        return new DelegatingAuthorizationService(store) {
            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                Kept subject = token == null ? null : kept.get(token);
                return subject != null && OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) ? subject.authorization()
                        : delegate.findByToken(token, tokenType);
            }
        };
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
