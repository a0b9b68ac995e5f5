package no.portvakt.server.config;

import no.portvakt.server.login.SessionProperties;
import java.time.Clock;
import no.portvakt.server.settings.PortvaktProperties;
import no.portvakt.server.login.SessionMaxDurationFilter;
import no.portvakt.server.logout.NoFrameworkSessionRegistry;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** Citizen sessions live in PostgreSQL (Spring Session JDBC): idle timeout there, maximum duration here. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /**
     * The session cookie is {@code Secure} whenever the issuer is https, not only when the request came over TLS:
     * behind a proxy that ends TLS, the request reaches Portvakt over http.
     */
    @Bean
    DefaultCookieSerializerCustomizer secureSessionCookie(PortvaktProperties properties) {
        boolean https = properties.issuer().startsWith("https:");
        return serializer -> {
            if (https) {
                serializer.setUseSecureCookie(true);
            }
        };
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new NoFrameworkSessionRegistry();
    }

    @Bean
    FilterRegistrationBean<SessionMaxDurationFilter> sessionMaxDurationFilter(SessionProperties properties,
                                                                              Clock clock) {
        var registration = new FilterRegistrationBean<>(
                new SessionMaxDurationFilter(properties.maxDuration(), clock));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }
}
