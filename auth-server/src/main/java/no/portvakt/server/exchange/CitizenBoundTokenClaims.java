package no.portvakt.server.exchange;

import java.time.Instant;
import java.util.Map;
import no.portvakt.server.claims.ApiAccessTokenClaims;
import no.portvakt.server.claims.TokenClaimContributor;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.registry.ProtectedResources;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The citizen-bound token's claims (docs/tokens.md), besides the citizen's own ({@code CitizenClaims}): one
 * {@code aud} (the API), {@code act} naming the exchanging client (RFC 8693 §4.1), {@code client_id},
 * {@code scp}, {@code pid} (the API must know whose data), {@code endusertype}, header {@code typ: at+jwt}, and a
 * lifetime that never outlives the subject token.
 */
@Component
public class CitizenBoundTokenClaims implements TokenClaimContributor {

    private final ProtectedResources apis;

    public CitizenBoundTokenClaims(ProtectedResources apis) {
        this.apis = apis;
    }

    @Override
    public void contribute(JwtEncodingContext context) {
        if (!AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType())
                || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || !(context.getPrincipal() instanceof CitizenAuthentication citizen)) {
            return;
        }
        Instant subjectExpiry = context.getAuthorization().getAccessToken().getToken().getExpiresAt();
        ApiAccessTokenClaims.apply(context, ApiAccessTokenClaims.exchangedApi(context, apis), "citizen", subjectExpiry)
                .claim("act", Map.of("sub", context.getRegisteredClient().getClientId()))
                .claim("pid", citizen.citizen().pid());
    }

}
