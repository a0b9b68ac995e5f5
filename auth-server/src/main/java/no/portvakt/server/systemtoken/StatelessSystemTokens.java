package no.portvakt.server.systemtoken;

import no.portvakt.server.tokens.DelegatingAuthorizationService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * SystemTokens are self-contained, short-lived JWTs that partner APIs verify with the JWKS, so the authorization
 * store does not keep them: the framework would write a row per token on the hottest path, and nothing ever reads
 * it. The audit trail keeps what must be kept. They cannot be revoked; {@link SystemTokenIntrospection} answers
 * introspection for them from the token itself.
 */
public final class StatelessSystemTokens extends DelegatingAuthorizationService {

    public StatelessSystemTokens(OAuth2AuthorizationService delegate) {
        super(delegate);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            delegate.save(authorization);
        }
    }
}
