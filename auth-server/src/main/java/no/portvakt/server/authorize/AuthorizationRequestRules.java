package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import no.portvakt.server.clients.PortvaktClientSettings;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Portvakt's rules for an authorization request, on top of the framework's (which already check the client, the
 * exact redirect URI, the scopes and PKCE S256, and refuse {@code plain}). They run after the redirect URI is known
 * to be registered, so their errors go back to the client. The same rules apply at the PAR endpoint.
 */
public final class AuthorizationRequestRules
        implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    /** Helsenorge's limit for {@code state} and {@code nonce}. */
    static final int MAX_STATE_AND_NONCE = 1000;
    static final Set<String> RESPONSE_MODES = Set.of("query", "form_post");
    static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Map<String, Object> params = request.getAdditionalParameters();

        if (length(request.getState()) > MAX_STATE_AND_NONCE) {
            fail(request, "state is longer than " + MAX_STATE_AND_NONCE + " characters");
        }
        if (length(params.get(OidcParameterNames.NONCE)) > MAX_STATE_AND_NONCE) {
            fail(request, "nonce is longer than " + MAX_STATE_AND_NONCE + " characters");
        }
        Object responseMode = params.get("response_mode");
        if (responseMode != null && !RESPONSE_MODES.contains(responseMode)) {
            fail(request, "response_mode must be query or form_post");
        }
        Object prompt = params.get("prompt");
        if (prompt != null && !PROMPTS.containsAll(Set.of(prompt.toString().split(" ")))) {
            fail(request, "prompt has an unknown value");
        }
        Object maxAge = params.get("max_age");
        if (maxAge != null && !maxAge.toString().matches("\\d{1,9}")) {
            fail(request, "max_age must be a number of seconds");
        }
        // acr_values is a voluntary claim request (OIDC Core §3.1.2.1, §5.5.1.1): values Portvakt does not know are
        // ignored, and the ID token's acr says the level the login actually reached.
        // RFC 9126 §6: a client registered to require PAR sends its parameters there, never in the front channel.
        if (PortvaktClientSettings.requirePar(context.getRegisteredClient().getClientSettings())
                && !cameThroughPar()) {
            fail(request, "this client must use pushed authorization requests (RFC 9126)");
        }
    }

    private static boolean cameThroughPar() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return false;
        }
        HttpServletRequest http = attributes.getRequest();
        return isParEndpoint(http) || http.getParameter(OAuth2ParameterNames.REQUEST_URI) != null;
    }

    static boolean isParEndpoint(HttpServletRequest http) {
        return http.getRequestURI().equals(http.getContextPath() + "/oauth2/par");
    }

    private static int length(Object value) {
        return value == null ? 0 : value.toString().length();
    }

    private static void fail(OAuth2AuthorizationCodeRequestAuthenticationToken request, String description) {
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null), request);
    }
}
