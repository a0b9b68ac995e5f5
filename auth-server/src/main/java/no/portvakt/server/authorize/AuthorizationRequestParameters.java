package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * A parameter of the authorization request the browser brought, wherever the client put it: in the query, or
 * in a pushed request (RFC 9126) that the query names by {@code request_uri}. The login page needs
 * {@code ui_locales}, {@code login_hint}, {@code acr_values} and {@code prompt} either way.
 */
@Component
public class AuthorizationRequestParameters {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    /** The framework's request_uri is this prefix and the state it stores the pushed request under. */
    private static final String REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private final OAuth2AuthorizationService authorizations;

    public AuthorizationRequestParameters(OAuth2AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public String get(HttpServletRequest request, String name) {
        String direct = request.getParameter(name);
        if (direct != null) {
            return direct;
        }
        Object value = pushed(request).map(pushed -> pushed.getAdditionalParameters().get(name)).orElse(null);
        return value == null ? null : value.toString();
    }

    /** The pushed request the query names by {@code request_uri}, validated when it was pushed. */
    public Optional<OAuth2AuthorizationRequest> pushed(HttpServletRequest request) {
        String requestUri = request.getParameter(OAuth2ParameterNames.REQUEST_URI);
        if (requestUri == null || !requestUri.startsWith(REQUEST_URI_PREFIX) || requestUri.length() >= 300) {
            return Optional.empty();
        }
        OAuth2Authorization authorization = authorizations.findByToken(
                requestUri.substring(REQUEST_URI_PREFIX.length()), STATE);
        return Optional.ofNullable(authorization == null ? null
                : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()));
    }
}
