package no.portvakt.server.claims;

import java.util.Date;
import no.portvakt.server.clients.PortvaktClientSettings;
import no.portvakt.server.registry.ProtectedResources;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The logged-in citizen's claims in the ID token and in access tokens issued for them: the pairwise {@code sub},
 * and in the ID token {@code acr}, {@code amr}, {@code auth_time} and {@code sid} (OIDC Core §2).
 */
@Component
public class CitizenClaims implements TokenClaimContributor {

    /** OpenID Connect's own scopes: about the login, not about anyone's data at an API. */
    public static final java.util.Set<String> LOGIN_SCOPES = java.util.Set.of("openid", "profile", "pid",
            "offline_access");

    private final PairwiseSubject pairwise;
    private final ProtectedResources apis;

    public CitizenClaims(PairwiseSubject pairwise, ProtectedResources apis) {
        this.pairwise = pairwise;
        this.apis = apis;
    }

    @Override
    public void contribute(JwtEncodingContext context) {
        if (!(context.getPrincipal() instanceof CitizenAuthentication authentication)) {
            return;
        }
        Citizen citizen = authentication.citizen();
        var claims = context.getClaims();
        claims.subject(pairwise.of(citizen.pid(), sectorOf(context)));
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            claims.claim(IdTokenClaimNames.ACR, citizen.acr());
            claims.claim(IdTokenClaimNames.AMR, citizen.amr());
            claims.claim(IdTokenClaimNames.AUTH_TIME, Date.from(citizen.authTime()));
            claims.claim("sid", citizen.sid());
        } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            claims.claim(IdTokenClaimNames.ACR, citizen.acr());
        }
    }

    /** The partner that receives the token: the client's, or for an exchanged token the API's (OIDC Core §8.1). */
    public String sectorOf(JwtEncodingContext context) {
        return AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType())
                ? ApiAccessTokenClaims.exchangedApi(context, apis).partnerId()
                : context.getRegisteredClient().getClientSettings().getSetting(PortvaktClientSettings.PARTNER_ID);
    }
}
