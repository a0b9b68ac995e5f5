package no.portvakt.server.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import no.portvakt.server.issuance.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/**
 * The userinfo response (OIDC Core §5.3): the ID token's claims about the citizen, those the access token's
 * scopes cover and nothing else: {@code sub} and {@code representation} always, {@code pid} with the pid scope,
 * the names with profile.
 */
public final class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

    private static final List<String> PROFILE = List.of(StandardClaimNames.NAME, StandardClaimNames.GIVEN_NAME,
            StandardClaimNames.FAMILY_NAME);

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        OidcIdToken idToken = context.getAuthorization().getToken(OidcIdToken.class).getToken();
        Set<String> scopes = context.getAccessToken().getScopes();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(StandardClaimNames.SUB, idToken.getSubject());
        if (scopes.contains(OidcScopes.PID)) {
            copy(idToken, claims, OidcScopes.PID);
        }
        if (scopes.contains(OidcScopes.PROFILE)) {
            PROFILE.forEach(name -> copy(idToken, claims, name));
        }
        copy(idToken, claims, CitizenClaims.REPRESENTATION);
        return new OidcUserInfo(claims);
    }

    private static void copy(OidcIdToken idToken, Map<String, Object> claims, String name) {
        Object value = idToken.getClaim(name);
        if (value != null) {
            claims.put(name, value);
        }
    }
}
