package no.portvakt.server.config;

import no.portvakt.registry.dcr.ClientRegistrationController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import no.portvakt.registry.throttle.FailedAuthentications;
import no.portvakt.server.clientauth.RegistrationThrottle;

/**
 * The dynamic client registration endpoint (RFC 7591/7592): its tokens (initial and registration access tokens)
 * are checked by the endpoint itself against their hashes in the registry, so this chain only keeps sessions,
 * cookies and CSRF out of it and sends the security headers.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationEndpointSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain registrationChain(HttpSecurity http, SecurityHeaders headers,
                                          FailedAuthentications failures) throws Exception {
        String path = ClientRegistrationController.PATH;
        http.addFilterBefore(new RegistrationThrottle(failures, path), AuthorizationFilter.class);
        http.securityMatcher(path, path + "/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        headers.apply(http);
        return http.build();
    }
}
