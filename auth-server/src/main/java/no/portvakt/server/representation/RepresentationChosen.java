package no.portvakt.server.representation;

import java.util.function.Consumer;
import no.portvakt.server.authorize.CitizenPageFirst;
import no.portvakt.server.authorize.Prompt;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * No code is issued before the citizen has chosen whom to act for, and only while the choice still holds: else the
 * citizen is sent to the choice page, and back. With {@code prompt=none} there is no page: the client gets
 * {@code interaction_required} (OIDC Core §3.1.2.6).
 */
public final class RepresentationChosen implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final ActingContext acting;

    public RepresentationChosen(ActingContext acting) {
        this.acting = acting;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof CitizenAuthentication authentication)) {
            return; // the pushed request, or the login page first
        }
        String reason;
        if (!authentication.citizen().hasChosen()) {
            reason = "the citizen has not chosen whom to act for";
        } else if (acting.current(authentication.citizen()).isEmpty()) {
            reason = "the citizen may no longer act for the person chosen";
        } else {
            return;
        }
        if (Prompt.asks(request, "none")) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                    new OAuth2Error("interaction_required", reason, null), request);
        }
        throw new CitizenPageFirst(request, reason, RepresentationController.PATH);
    }
}
