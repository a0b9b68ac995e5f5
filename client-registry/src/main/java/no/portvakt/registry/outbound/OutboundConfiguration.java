package no.portvakt.registry.outbound;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link OutboundTargets} of the application, from {@code portvakt.outbound.*} and the issuer. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundTargets outboundTargets(@Value("${portvakt.outbound.allow-local-targets:false}") boolean allowLocal,
                                    @Value("${portvakt.issuer}") String issuer) {
        return new OutboundTargets(allowLocal, issuer);
    }
}
