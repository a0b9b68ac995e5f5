package no.portvakt.server.claims;

import java.time.Instant;
import java.util.List;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.registry.ProtectedResources;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * What every token for a partner API carries, whatever the grant (RFC 9068): header {@code typ} as the API is
 * registered ({@code at+jwt} unless its partner validates Helsenorge's {@code JWT}), one
 * {@code aud} (the API), the API's lifetime (capped by {@code notAfter} when given), {@code client_id},
 * {@code scp} (Helsenorge's name for the same list as {@code scope}) and {@code endusertype}.
 */
public final class ApiAccessTokenClaims {

    private ApiAccessTokenClaims() {
    }

    /** The partner API a token exchange asked for: its one {@code resource}, checked by the exchange's rules. */
    public static PartnerApi exchangedApi(JwtEncodingContext context, ProtectedResources apis) {
        OAuth2TokenExchangeAuthenticationToken grant = context.getAuthorizationGrant();
        return apis.find(grant.getResources().iterator().next()).orElseThrow();
    }

    public static JwtClaimsSet.Builder apply(JwtEncodingContext context, PartnerApi api, String endUserType,
                                             Instant notAfter) {
        JwtClaimsSet.Builder claims = context.getClaims();
        Instant[] issuedAt = new Instant[1];
        claims.claims(all -> issuedAt[0] = (Instant) all.get(JwtClaimNames.IAT));
        Instant expiry = issuedAt[0].plus(api.tokenTtl());
        context.getJwsHeader().type(api.tokenType());
        return claims.audience(List.of(api.resource()))
                .expiresAt(notAfter != null && notAfter.isBefore(expiry) ? notAfter : expiry)
                .claim("client_id", context.getRegisteredClient().getClientId())
                .claim("scp", AccessTokenScope.of(context.getAuthorizedScopes()))
                .claim("endusertype", endUserType);
    }
}
