package no.portvakt.server.clientauth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
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
 * Public clients at the PAR endpoint (RFC 9126 §2.1: a public client identifies itself with {@code client_id}).
 * Portvakt requires PAR of every public client, but the framework authenticates public clients only by a
 * {@code code_verifier}, which a pushed request cannot have. Here a public client pushes with its
 * {@code client_id} and an S256 {@code code_challenge}; the code_verifier is still checked at the token endpoint.
 */
public final class PublicClientsAtPar {

    private static final String PUSH = PublicClientsAtPar.class.getName() + ".push";

    private PublicClientsAtPar() {
    }

    /** Reads a pushed request that carries no client credentials at all. */
    public static AuthenticationConverter converter() {
        return request -> {
            if (!isPush(request) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
                    Map.of(PUSH, true, PkceParameterNames.CODE_CHALLENGE_METHOD,
                            String.valueOf(request.getParameter(PkceParameterNames.CODE_CHALLENGE_METHOD))));
        };
    }

    /** Replaces the framework's public-client provider with one that also accepts pushed requests. */
    public static void guard(List<AuthenticationProvider> providers, RegisteredClientRepository clients) {
        providers.replaceAll(p -> p instanceof PublicClientAuthenticationProvider ? new Provider(p, clients) : p);
    }

    private static boolean isPush(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/oauth2/par");
    }

    private record Provider(AuthenticationProvider framework, RegisteredClientRepository clients)
            implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            var request = (OAuth2ClientAuthenticationToken) authentication;
            if (!Boolean.TRUE.equals(request.getAdditionalParameters().get(PUSH))) {
                return framework.authenticate(authentication);
            }
            RegisteredClient client = clients.findByClientId(String.valueOf(request.getPrincipal()));
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "Client authentication is required", null));
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
