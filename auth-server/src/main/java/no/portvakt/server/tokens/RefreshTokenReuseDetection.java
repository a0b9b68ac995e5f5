package no.portvakt.server.tokens;

import java.sql.Timestamp;
import java.time.Instant;
import no.portvakt.registry.SecretHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization store, with refresh-token reuse detection (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): when a
 * refresh token is rotated out, its hash is remembered; if it is ever presented again, the grant it belonged to
 * is revoked whole (access and refresh tokens), and the request fails as an unknown token would.
 * Only authorizations with a refresh token pay for the extra lookup, so client_credentials stays cheap.
 */
public final class RefreshTokenReuseDetection extends DelegatingAuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuseDetection.class);

    private final JdbcClient jdbc;

    public RefreshTokenReuseDetection(OAuth2AuthorizationService delegate, JdbcClient jdbc) {
        super(delegate);
        this.jdbc = jdbc;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2RefreshToken> next = authorization.getRefreshToken();
        if (next != null) {
            OAuth2Authorization previous = delegate.findById(authorization.getId());
            OAuth2Authorization.Token<OAuth2RefreshToken> old = previous == null ? null : previous.getRefreshToken();
            if (old != null && !old.getToken().getTokenValue().equals(next.getToken().getTokenValue())) {
                Instant expires = old.getToken().getExpiresAt() == null ? Instant.now().plusSeconds(86_400)
                        : old.getToken().getExpiresAt();
                jdbc.sql("""
                        insert into rotated_refresh_token (token_sha256, authorization_id, expires_at)
                        values (?, ?, ?) on conflict do nothing
                        """).params(SecretHash.sha256Hex(old.getToken().getTokenValue()), authorization.getId(),
                        Timestamp.from(expires)).update();
            }
        }
        delegate.save(authorization);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = delegate.findByToken(token, tokenType);
        if (found == null && OAuth2TokenType.REFRESH_TOKEN.equals(tokenType) && token != null) {
            revokeIfReused(token);
        }
        return found;
    }

    private void revokeIfReused(String token) {
        jdbc.sql("select authorization_id from rotated_refresh_token where token_sha256 = ?")
                .param(SecretHash.sha256Hex(token)).query(String.class).optional()
                .map(delegate::findById)
                .ifPresent(grant -> {
                    log.warn("A rotated-out refresh token of client {} was presented again: revoking the grant {}",
                            grant.getRegisteredClientId(), grant.getId());
                    delegate.remove(grant);
                });
    }
}
