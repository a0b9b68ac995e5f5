package no.portvakt.server.turns;

import no.portvakt.server.config.PortvaktProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** The token endpoint, the hot path, runs in turns ({@code portvakt.token-endpoint.*}). */
@Configuration(proxyBeanMethods = false)
class TurnsConfiguration {

    @Bean
    FilterRegistrationBean<TakeTurns> tokenEndpointTurns(PortvaktProperties properties,
                                                         AuthorizationServerSettings endpoints) {
        PortvaktProperties.TokenEndpoint settings = properties.tokenEndpoint();
        int turns = settings.turns() > 0 ? settings.turns() : Runtime.getRuntime().availableProcessors() + 1;
        var registration = new FilterRegistrationBean<>(
                new TakeTurns(new TurnTaking(turns, settings.stallTimeout().toNanos())));
        registration.addUrlPatterns(endpoints.getTokenEndpoint());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
