package no.portvakt.server.authorize;

import java.util.function.Consumer;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.server.claims.PairwiseSubject;
import no.portvakt.server.clients.PortvaktClientSettings;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * {@code login_hint} (OIDC Core §3.1.2.1) names the citizen the client expects: a fødselsnummer, or the citizen's
 * pairwise {@code sub} at this partner (what the portal's SSO links carry, OIDC Core §4). When the session belongs
 * to someone else, that login is ended and the citizen asked to log in, never silently handed over as the wrong
 * person. A hint that is neither form names nobody and is ignored.
 */
public final class LoginHintMatches implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final PairwiseSubject pairwise;

    public LoginHintMatches(PairwiseSubject pairwise) {
        this.pairwise = pairwise;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Object hint = request.getAdditionalParameters().get("login_hint");
        if (hint == null || !(request.getPrincipal() instanceof CitizenAuthentication authentication)) {
            return;
        }
        Citizen citizen = authentication.citizen();
        String partner = context.getRegisteredClient().getClientSettings().getSetting(PortvaktClientSettings.PARTNER_ID);
        String value = hint.toString();
        boolean names = Fodselsnummer.isValid(value) || PairwiseSubject.looksLikeOne(value);
        boolean matches = value.equals(citizen.pid()) || value.equals(pairwise.of(citizen.pid(), partner));
        if (names && !matches) {
            throw new ReauthenticationRequired(request, "login_hint names another citizen", null, true);
        }
    }
}
