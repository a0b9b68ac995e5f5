package no.portvakt.server.tokens;

import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens only for a grant that includes {@code offline_access} (OIDC Core §11, Helsenorge's rule), and
 * only for clients registered for the refresh_token grant (the framework checks that part).
 */
public final class OfflineAccessRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    static final String OFFLINE_ACCESS = "offline_access";

    private final OAuth2RefreshTokenGenerator delegate = new OAuth2RefreshTokenGenerator();

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !context.getAuthorizedScopes().contains(OFFLINE_ACCESS)) {
            return null;
        }
        return delegate.generate(context);
    }
}
