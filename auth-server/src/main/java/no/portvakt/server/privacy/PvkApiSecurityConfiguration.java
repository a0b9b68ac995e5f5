package no.portvakt.server.privacy;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import no.portvakt.server.admin.AdminApiSecurityConfiguration;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /pvk/api}: PVK's partner API, a registered API of the portal (resource {@code {issuer}/pvk/api}).
 * Partners call it with a SystemToken for it: {@code pvk.read} to check and list settings, {@code pvk.write} to
 * record one. Stateless: no session, no cookie, no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class PvkApiSecurityConfiguration {

    static final String PATH = "/pvk/api";

    @Bean
    @Order(0)
    SecurityFilterChain pvkApiChain(HttpSecurity http, JWKSource<SecurityContext> keys,
                                    PortvaktProperties properties) throws Exception {
        http.securityMatcher(PATH + "/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PATH + "/*/SettInnbyggersPersonvernInnstilling/**")
                        .hasAuthority("SCOPE_pvk.write")
                        .anyRequest().hasAuthority("SCOPE_pvk.read"))
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(
                        AdminApiSecurityConfiguration.accessTokensFor(keys, properties.issuer(),
                                properties.issuer() + PATH))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
