package no.portvakt.server.consent;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import no.portvakt.server.authorize.CitizenPageFirst;
import no.portvakt.server.authorize.Prompt;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.representation.ActingContext;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A relying party that asks for scopes registered as needing consent gets them only after the citizen decided on
 * the consent page: once per citizen, per person represented, per client, and again with {@code prompt=consent}
 * (OIDC Core §3.1.2.1) or when it asks for a scope the citizen has not approved. With {@code prompt=none} there is
 * no page: the client gets {@code consent_required}. Runs after the representation is chosen.
 */
public final class ConsentRequired implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String PAGE = "/consent";

    private final ConsentScopes consentScopes;
    private final ConsentStore store;
    private final ActingContext acting;

    public ConsentRequired(ConsentScopes consentScopes, ConsentStore store, ActingContext acting) {
        this.consentScopes = consentScopes;
        this.store = store;
        this.acting = acting;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof CitizenAuthentication authentication)
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        Citizen citizen = authentication.citizen();
        // Never ask for what the representation does not allow: those scopes are not granted anyway.
        Set<String> asked = new java.util.LinkedHashSet<>(consentScopes.needingConsent(request.getScopes()).keySet());
        acting.current(citizen).map(r -> ActingContext.beyondLimits(r, asked)).ifPresent(asked::removeAll);
        if (asked.isEmpty()) {
            return;
        }
        String clientId = context.getRegisteredClient().getClientId();
        HttpSession session = attributes.getRequest().getSession();
        if (clientId.equals(session.getAttribute(PendingConsent.JUST_GIVEN))) {
            session.removeAttribute(PendingConsent.JUST_GIVEN);
            return;
        }
        Optional<Set<String>> approved = store.approved(citizen.pid(), citizen.actsFor(), clientId);
        if (!Prompt.asks(request, "consent") && approved.isPresent() && approved.get().containsAll(asked)) {
            return;
        }
        if (Prompt.asks(request, "none")) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error("consent_required",
                    "the citizen has not consented to " + String.join(" ", asked), null), request);
        }
        session.setAttribute(PendingConsent.ATTRIBUTE, new PendingConsent(clientId, citizen.pid(),
                citizen.actsFor(), List.copyOf(asked)));
        throw new CitizenPageFirst(request, "the citizen's consent is needed", PAGE);
    }
}
