package no.portvakt.server.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator's endpoints (health, info, Prometheus) on the management port, which only the platform reaches
 * (docs/configuration.md): open to it, without sessions. On the public port there are none: {@code /actuator}
 * answers 404 there.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurity {

    /**
     * No observation of every security filter, authentication and authorization: with the actuator's registry they
     * would be recorded on every request, a cost the token endpoint measured (docs/performance.md); the requests
     * themselves are still timed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(0)
    SecurityFilterChain managementChain(HttpSecurity http, SecurityHeaders headers) throws Exception {
        http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable()); // read-only endpoints, no browser session
        headers.apply(http);
        return http.build();
    }
}
