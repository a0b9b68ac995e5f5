package no.portvakt.server.systemtoken;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * SystemTokens are self-contained, short-lived JWTs that partner APIs verify with the JWKS, so the authorization
 * store does not keep them: the framework would write a row per token on the hottest path, and nothing ever reads
 * it. The audit trail keeps what must be kept. (Consequently they are neither revocable nor introspectable.)
 */
public final class StatelessSystemTokens implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService delegate;

    public StatelessSystemTokens(OAuth2AuthorizationService delegate) {
        this.delegate = delegate;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            delegate.save(authorization);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }
}
