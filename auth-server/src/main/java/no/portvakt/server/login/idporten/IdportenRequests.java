package no.portvakt.server.login.idporten;

import no.portvakt.server.login.IdportenProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import no.portvakt.server.login.Assurance;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * The authorization request Portvakt sends ID-porten: code flow with PKCE S256, state and nonce (ID-porten
 * requires all three), the level of assurance the partner asked for, {@code prompt=login} when the partner asked
 * for a new login, and the citizen's language. The level asked for is kept in the session, to be checked against
 * the {@code acr} that comes back.
 */
public final class IdportenRequests implements OAuth2AuthorizationRequestResolver {

    static final String REQUIRED_ACR = IdportenRequests.class.getName() + ".requiredAcr";

    private final DefaultOAuth2AuthorizationRequestResolver delegate;
    private final String defaultAcr;

    public IdportenRequests(ClientRegistrationRepository registrations, IdportenProperties properties) {
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        this.delegate.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        this.defaultAcr = properties.acrValues();
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return customize(request, delegate.resolve(request));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return customize(request, delegate.resolve(request, clientRegistrationId));
    }

    private OAuth2AuthorizationRequest customize(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
        if (resolved == null) {
            return null;
        }
        String asked = Assurance.lowestOf(request.getParameter("acr_values"));
        String acr = asked != null ? asked : defaultAcr;
        request.getSession().setAttribute(REQUIRED_ACR, acr);
        Locale locale = LocaleContextHolder.getLocale();
        boolean promptLogin = "login".equals(request.getParameter("prompt"));
        return OAuth2AuthorizationRequest.from(resolved).additionalParameters(params -> {
            params.put("acr_values", acr);
            // ID-porten's ui_locales: nb, nn, en.
            params.put("ui_locales", locale.getLanguage());
            if (promptLogin) {
                params.put("prompt", "login");
            }
        }).build();
    }
}
