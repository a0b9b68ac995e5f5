package no.portvakt.server.consent;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.representation.ActingContext;
import no.portvakt.server.tokens.DelegatingAuthorizationService;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * What a citizen's authorization code grants (RFC 6749 §3.3: the server may grant fewer scopes than asked, and the
 * token response then says which): the requested scopes, less those needing consent that the citizen did not
 * approve, less those the representation does not allow. Decided when the code is stored, so the tokens, the
 * token response and introspection all agree. An authorization holding consented scopes is linked to the consent,
 * so that withdrawing it removes the authorization.
 */
public final class GrantedScopes extends DelegatingAuthorizationService {

    private final ConsentScopes consentScopes;
    private final ConsentStore store;
    private final ActingContext acting;

    public GrantedScopes(OAuth2AuthorizationService delegate, ConsentScopes consentScopes, ConsentStore store,
                         ActingContext acting) {
        super(delegate);
        this.consentScopes = consentScopes;
        this.store = store;
        this.acting = acting;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (authorization.getToken(OAuth2AuthorizationCode.class) == null || authorization.getAccessToken() != null
                || !(authorization.getAttribute(Principal.class.getName()) instanceof CitizenAuthentication principal)
                || !principal.citizen().hasChosen()) {
            delegate.save(authorization);
            return;
        }
        Citizen citizen = principal.citizen();
        String clientId = clientIdOf(authorization);
        Set<String> requested = authorization.getAuthorizedScopes();
        Set<String> needConsent = consentScopes.needingConsent(requested).keySet();
        Set<String> approved = needConsent.isEmpty() ? Set.of()
                : store.approved(citizen.pid(), citizen.actsFor(), clientId).orElse(Set.of());
        Set<String> granted = new LinkedHashSet<>(requested);
        needConsent.stream().filter(scope -> !approved.contains(scope)).forEach(granted::remove);
        acting.current(citizen).map(r -> ActingContext.beyondLimits(r, granted)).ifPresent(granted::removeAll);
        OAuth2Authorization stored = granted.equals(requested) ? authorization
                : OAuth2Authorization.from(authorization).authorizedScopes(granted).build();
        delegate.save(stored);
        if (granted.stream().anyMatch(needConsent::contains)) {
            store.link(citizen.pid(), citizen.actsFor(), clientId, stored.getId());
        }
    }

    private static String clientIdOf(OAuth2Authorization authorization) {
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        return request.getClientId();
    }
}
