package no.portvakt.pvk;

import no.portvakt.pvk.rules.ChangePolicy;
import no.portvakt.pvk.rules.ChangeRules;
import no.portvakt.representation.RepresentationDirectory;
import no.portvakt.representation.RepresentationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PVK inside the application that runs it (Portvakt by default): the change rules, on the representation rules and
 * the population register that the application provides.
 */
@Configuration(proxyBeanMethods = false)
class PvkConfiguration {

    @Bean
    ChangeRules privacyChangeRules(RepresentationRules representation, RepresentationDirectory directory,
                                   PvkProperties properties) {
        return new ChangeRules(representation, directory, new ChangePolicy(properties.teenParentMayChange()));
    }
}
