package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
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

    private static final String PUSHED = AuthorizationRequestParameters.class.getName() + ".pushed";
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
        Object value = pushed(request).get(name);
        return value == null ? null : value.toString();
    }

    private Map<String, Object> pushed(HttpServletRequest request) {
        if (request.getAttribute(PUSHED) instanceof Map<?, ?> known) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cached = (Map<String, Object>) known;
            return cached;
        }
        Map<String, Object> parameters = Map.of();
        String requestUri = request.getParameter(OAuth2ParameterNames.REQUEST_URI);
        if (requestUri != null && requestUri.startsWith(REQUEST_URI_PREFIX) && requestUri.length() < 300) {
            OAuth2Authorization authorization = authorizations.findByToken(
                    requestUri.substring(REQUEST_URI_PREFIX.length()), STATE);
            OAuth2AuthorizationRequest pushed = authorization == null ? null
                    : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
            if (pushed != null) {
                parameters = pushed.getAdditionalParameters();
            }
        }
        request.setAttribute(PUSHED, parameters);
        return parameters;
    }
}
