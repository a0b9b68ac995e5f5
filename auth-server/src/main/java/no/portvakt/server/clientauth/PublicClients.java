package no.portvakt.server.clientauth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.PublicClientAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Public clients where the framework does not recognise them. The framework authenticates a public client only by
 * a token request with {@code code} and {@code code_verifier}; anything else from a client that sends just its
 * {@code client_id} is {@code invalid_client}. But a public client identifies itself with {@code client_id} at the
 * PAR endpoint (RFC 9126 §2.1), where it cannot have a code_verifier: there it pushes with an S256
 * {@code code_challenge}, and the code_verifier is still checked at the token endpoint. And a public client's
 * token request that lacks the code or the code_verifier is missing a parameter: {@code invalid_request}
 * (RFC 6749 §5.2), not a failed authentication.
 */
public final class PublicClients {

    private static final String STEP = PublicClients.class.getName() + ".step";
    private static final String PUSH = "push";
    private static final String TOKEN = "token";

    private PublicClients() {
    }

    /** Reads a pushed request, or a code token request without its code or verifier, that carries no credentials. */
    public static AuthenticationConverter converter() {
        return request -> {
            String step = step(request);
            if (step == null || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
                    Map.of(STEP, step, PkceParameterNames.CODE_CHALLENGE_METHOD,
                            String.valueOf(request.getParameter(PkceParameterNames.CODE_CHALLENGE_METHOD))));
        };
    }

    /** Replaces the framework's public-client provider with one that also knows these two steps. */
    public static void guard(List<AuthenticationProvider> providers, RegisteredClientRepository clients) {
        providers.replaceAll(p -> p instanceof PublicClientAuthenticationProvider ? new Provider(p, clients) : p);
    }

    private static String step(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/oauth2/par")) {
            return PUSH;
        }
        boolean incompleteCodeRequest = AuthorizationGrantType.AUTHORIZATION_CODE.getValue()
                .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                && (request.getParameter(OAuth2ParameterNames.CODE) == null
                || request.getParameter(PkceParameterNames.CODE_VERIFIER) == null);
        return path.equals("/oauth2/token") && incompleteCodeRequest ? TOKEN : null;
    }

    private record Provider(AuthenticationProvider framework, RegisteredClientRepository clients)
            implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            var request = (OAuth2ClientAuthenticationToken) authentication;
            Object step = request.getAdditionalParameters().get(STEP);
            if (step == null) {
                return framework.authenticate(authentication);
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(request.getPrincipal()));
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "Client authentication is required", null));
            }
            if (TOKEN.equals(step)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "A public client's token request needs code and code_verifier", null));
            }
            if (!"S256".equals(request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE_METHOD))) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "A public client must send a code_challenge with code_challenge_method S256", null));
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return framework.supports(authentication);
        }
    }
}
