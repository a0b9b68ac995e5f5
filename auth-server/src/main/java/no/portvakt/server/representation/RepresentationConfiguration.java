package no.portvakt.server.representation;

import no.portvakt.representation.RepresentationPolicy;
import no.portvakt.representation.RepresentationRules;
import no.portvakt.server.citizen.PersonDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The representation rules over the person directory, with the policy from {@code portvakt.representation.*}. */
@Configuration(proxyBeanMethods = false)
class RepresentationConfiguration {

    @Bean
    RepresentationRules representationRules(PersonDirectory persons, RepresentationProperties properties) {
        RepresentationProperties settings = properties;
        return new RepresentationRules(persons, RepresentationPolicy.builder()
                .teenScopes(settings.teenScopes())
                .ordinaryPowerOfAttorneyScopes(settings.ordinaryPowerOfAttorneyScopes().isEmpty() ? null
                        : settings.ordinaryPowerOfAttorneyScopes())
                .build());
    }
}
