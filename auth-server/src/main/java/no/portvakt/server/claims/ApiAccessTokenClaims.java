package no.portvakt.server.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.portvakt.registry.PartnerApi;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * What every token for partner APIs carries, whatever the grant (RFC 9068), besides {@link AccessTokenClaims}:
 * header {@code typ} as the API is registered ({@code at+jwt} unless its partner validates Helsenorge's
 * {@code JWT}; of several APIs, the shortest-lived one's), {@code aud} naming each API, the shortest lifetime of
 * the APIs (capped by {@code notAfter} when given), {@code client_id}, {@code scp} (Helsenorge's name for the same
 * list as {@code scope}) and {@code endusertype}.
 */
public final class ApiAccessTokenClaims {

    private ApiAccessTokenClaims() {
    }

    public static JwtClaimsSet.Builder apply(JwtEncodingContext context, List<PartnerApi> apis, String endUserType,
                                             Instant notAfter) {
        PartnerApi shortest = apis.stream().min(Comparator.comparing(PartnerApi::tokenTtl)).orElseThrow();
        JwtClaimsSet.Builder claims = context.getClaims();
        Instant[] issuedAt = new Instant[1];
        claims.claims(all -> issuedAt[0] = (Instant) all.get(JwtClaimNames.IAT));
        Instant expiry = issuedAt[0].plus(shortest.tokenTtl());
        context.getJwsHeader().type(shortest.tokenType());
        // An ArrayList: the claims are stored with the authorization, as JSON the framework allows back in.
        return claims.audience(new ArrayList<>(apis.stream().map(PartnerApi::resource).toList()))
                .expiresAt(notAfter != null && notAfter.isBefore(expiry) ? notAfter : expiry)
                .claim("client_id", context.getRegisteredClient().getClientId())
                .claim("scp", AccessTokenClaims.scope(context.getAuthorizedScopes()))
                .claim("endusertype", endUserType);
    }
}
