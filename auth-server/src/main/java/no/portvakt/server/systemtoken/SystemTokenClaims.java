package no.portvakt.server.systemtoken;

import no.portvakt.server.claims.ApiAccessTokenClaims;
import no.portvakt.server.claims.TokenClaimContributor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The SystemToken's claims (docs/tokens.md): one {@code aud} (the API), {@code scp} as Helsenorge's partners read
 * it (the same space-separated list as {@code scope}, see {@link AccessTokenScope}), {@code client_id}, {@code client_name},
 * {@code endusertype}, the citizen's {@code authorization_details} when one is named, the API's lifetime, and
 * the header {@code typ: at+jwt} (RFC 9068 §2.1). {@code iss}, {@code iat}, {@code nbf}, {@code jti} and
 * {@code sub} (the client_id, RFC 9068 §2.2) come from the framework.
 */
@Component
public class SystemTokenClaims implements TokenClaimContributor {

    @Override
    public void contribute(JwtEncodingContext context) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        SystemTokenRequest request = context.<SystemTokenGrant>getAuthorizationGrant().checked();
        var claims = ApiAccessTokenClaims.apply(context, request.api(),
                request.citizenPid().isPresent() ? "citizen" : "system", null);
        claims.claim("client_name", context.getRegisteredClient().getClientName());
        request.authorizationDetails().ifPresent(details -> claims.claim("authorization_details", details));
    }
}
