package no.portvakt.server.claims;

import java.util.Set;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * Who the logged-in citizen is, in the ID token (and so in userinfo), only as far as the granted scopes say:
 * {@code pid}, the fødselsnummer, with the {@code pid} scope (ID-porten's claim name); {@code name},
 * {@code given_name}, {@code family_name} with {@code profile} (OIDC Core §5.4). A client may only ask for the
 * scopes it is registered for, so a partner gets only the claims it is registered for.
 */
@Component
public class ProfileClaims implements TokenClaimContributor {

    public static final String PID_SCOPE = "pid";
    public static final String PROFILE_SCOPE = "profile";

    @Override
    public void contribute(JwtEncodingContext context) {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                || !(context.getPrincipal() instanceof CitizenAuthentication authentication)) {
            return;
        }
        Citizen citizen = authentication.citizen();
        Set<String> scopes = context.getAuthorizedScopes();
        var claims = context.getClaims();
        if (scopes.contains(PID_SCOPE)) {
            claims.claim(PID_SCOPE, citizen.pid());
        }
        if (scopes.contains(PROFILE_SCOPE) && citizen.givenName() != null) {
            claims.claim(StandardClaimNames.NAME, citizen.name());
            claims.claim(StandardClaimNames.GIVEN_NAME, citizen.givenName());
            claims.claim(StandardClaimNames.FAMILY_NAME, citizen.familyName());
        }
    }
}
