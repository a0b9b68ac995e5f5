package no.portvakt.server.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.registry.ProtectedResources;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * A relying party's access token that carries scopes of registered APIs (the portal's own, say, which the citizen
 * consented to) is a token for those APIs (RFC 9068): {@code aud} names each of them, {@code typ} is
 * {@code at+jwt}, {@code client_id} and {@code scp} are set, and it lives no longer than the shortest-lived API
 * allows. A token with OpenID Connect's scopes only stays a token for userinfo, with the client as audience.
 */
@Component
public class CitizenApiAudience implements TokenClaimContributor {

    private static final Set<AuthorizationGrantType> CODE_FLOW = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE,
            AuthorizationGrantType.REFRESH_TOKEN);

    private final ProtectedResources apis;

    public CitizenApiAudience(ProtectedResources apis) {
        this.apis = apis;
    }

    @Override
    public void contribute(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || !CODE_FLOW.contains(context.getAuthorizationGrantType())
                || !(context.getPrincipal() instanceof CitizenAuthentication)) {
            return;
        }
        List<String> apiScopes = context.getAuthorizedScopes().stream()
                .filter(scope -> !CitizenClaims.LOGIN_SCOPES.contains(scope)).toList();
        List<PartnerApi> targets = apiScopes.isEmpty() ? List.of() : apis.offering(apiScopes);
        if (targets.isEmpty()) {
            return;
        }
        PartnerApi shortest = targets.stream().min(Comparator.comparing(PartnerApi::tokenTtl)).orElseThrow();
        // An ArrayList: the claims are stored with the authorization, as JSON the framework allows back in.
        ApiAccessTokenClaims.apply(context, shortest, "citizen", null)
                .audience(new ArrayList<>(targets.stream().map(PartnerApi::resource).toList()));
    }
}
