package no.portvakt.server.config;

import java.time.Clock;
import no.portvakt.server.login.SessionMaxDurationFilter;
import no.portvakt.server.logout.NoFrameworkSessionRegistry;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** Citizen sessions live in PostgreSQL (Spring Session JDBC): idle timeout there, maximum duration here. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    SessionRegistry sessionRegistry() {
        return new NoFrameworkSessionRegistry();
    }

    @Bean
    FilterRegistrationBean<SessionMaxDurationFilter> sessionMaxDurationFilter(PortvaktProperties properties,
                                                                              Clock clock) {
        var registration = new FilterRegistrationBean<>(
                new SessionMaxDurationFilter(properties.session().maxDuration(), clock));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }
}
