package no.portvakt.server.tokens;

import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Tokens for partner APIs (SystemTokens from client_credentials, citizen-bound tokens from token exchange) are
 * self-contained, short-lived JWTs that the APIs verify with the JWKS, so the authorization store does not keep
 * them: the framework would write a row per token on the hottest path, and nothing reads it but introspection.
 * The audit trail keeps what must be kept. They cannot be revoked; {@code ApiTokenIntrospection} answers
 * introspection for them from the token itself.
 */
public final class StatelessApiTokens extends DelegatingAuthorizationService {

    private static final Set<AuthorizationGrantType> NOT_STORED = Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS,
            AuthorizationGrantType.TOKEN_EXCHANGE);

    public StatelessApiTokens(OAuth2AuthorizationService delegate) {
        super(delegate);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!NOT_STORED.contains(authorization.getAuthorizationGrantType())) {
            delegate.save(authorization);
        }
    }
}
