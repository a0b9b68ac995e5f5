package no.portvakt.server.clientauth;

import java.util.List;
import no.portvakt.server.clients.PortvaktClientSettings;
import no.portvakt.server.tokens.ApiTokenIntrospection;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Token introspection (RFC 7662 §2.1) answers only clients registered as resource servers: another client could
 * otherwise learn about tokens that are none of its business. Wraps the framework's provider (a provider placed
 * before it would not do: the authentication manager tries the next provider after a refusal).
 */
public final class ResourceServersOnly implements AuthenticationProvider {

    private final AuthenticationProvider introspection;
    private final ApiTokenIntrospection apiTokens;
    private final RegisteredClientRepository clients;

    private ResourceServersOnly(AuthenticationProvider introspection, ApiTokenIntrospection apiTokens,
                                RegisteredClientRepository clients) {
        this.introspection = introspection;
        this.apiTokens = apiTokens;
        this.clients = clients;
    }

    /**
     * Replaces the framework's introspection provider in {@code providers} with the guarded one, which also
     * answers for tokens for partner APIs (not stored, so unknown to the framework).
     */
    public static void guard(List<AuthenticationProvider> providers, ApiTokenIntrospection apiTokens,
                             RegisteredClientRepository clients) {
        providers.replaceAll(p -> p instanceof OAuth2TokenIntrospectionAuthenticationProvider
                ? new ResourceServersOnly(p, apiTokens, clients) : p);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (authentication.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && PortvaktClientSettings.introspectionAllowed(client.getRegisteredClient().getClientSettings())) {
            var answer = (OAuth2TokenIntrospectionAuthenticationToken) introspection.authenticate(authentication);
            if (answer.getTokenClaims().isActive()) {
                // A token of a client that is no longer trusted (its partner suspended, say) is not active.
                return clients.findByClientId(answer.getTokenClaims().getClientId()) != null ? answer
                        : new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(), client,
                                OAuth2TokenIntrospection.builder().build());
            }
            var request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
            return apiTokens.introspect(request.getToken())
                    .map(claims -> (Authentication) new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(),
                            client, claims))
                    .orElse(answer);
        }
        throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                "Only registered resource servers may introspect tokens", null));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
