package no.portvakt.server.clientauth;

import java.util.List;
import no.portvakt.server.clients.PortvaktClientSettings;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Token introspection (RFC 7662 §2.1) answers only clients registered as resource servers: another client could
 * otherwise learn about tokens that are none of its business. Wraps the framework's provider (a provider placed
 * before it would not do: the authentication manager tries the next provider after a refusal).
 */
public final class ResourceServersOnly implements AuthenticationProvider {

    private final AuthenticationProvider introspection;

    private ResourceServersOnly(AuthenticationProvider introspection) {
        this.introspection = introspection;
    }

    /** Replaces the framework's introspection provider in {@code providers} with the guarded one. */
    public static void guard(List<AuthenticationProvider> providers) {
        providers.replaceAll(p -> p instanceof OAuth2TokenIntrospectionAuthenticationProvider
                ? new ResourceServersOnly(p) : p);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (authentication.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && PortvaktClientSettings.introspectionAllowed(client.getRegisteredClient().getClientSettings())) {
            return introspection.authenticate(authentication);
        }
        throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                "Only registered resource servers may introspect tokens", null));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
