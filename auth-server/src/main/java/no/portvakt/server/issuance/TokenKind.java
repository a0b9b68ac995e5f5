package no.portvakt.server.issuance;

import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;

/** The JWTs Portvakt signs (docs/tokens.md), each with one claims assembler. */
public enum TokenKind {

    /** A relying party's ID token (the code flow, refresh). */
    ID_TOKEN,
    /** A relying party's access token for the logged-in citizen: for userinfo, and for the APIs it was granted. */
    CITIZEN_ACCESS_TOKEN,
    /** A SystemToken (client_credentials): for one partner API, the citizen named or none. */
    SYSTEM_TOKEN,
    /** A citizen-bound token (token exchange): a logged-in citizen's access token exchanged for one partner API. */
    CITIZEN_BOUND_TOKEN;

    /** Which kind the framework is asking for; empty for a token that is not a JWT (a refresh token). */
    public static Optional<TokenKind> of(OAuth2TokenContext context) {
        if (context.getTokenType() != null
                && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return Optional.of(ID_TOKEN);
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return Optional.empty();
        }
        AuthorizationGrantType grant = context.getAuthorizationGrantType();
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
            return Optional.of(SYSTEM_TOKEN);
        }
        if (AuthorizationGrantType.TOKEN_EXCHANGE.equals(grant)) {
            return Optional.of(CITIZEN_BOUND_TOKEN);
        }
        if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)
                || AuthorizationGrantType.REFRESH_TOKEN.equals(grant)) {
            return Optional.of(CITIZEN_ACCESS_TOKEN);
        }
        return Optional.empty();
    }
}
