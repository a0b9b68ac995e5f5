package no.portvakt.pvk.rules;

import no.portvakt.pvk.PvkProperties;
import no.portvakt.representation.RepresentationDirectory;
import no.portvakt.representation.RepresentationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The change rules inside the application that runs PVK (Portvakt by default), on the representation rules and the
 * population register that the application provides, with the policy from {@code portvakt.pvk.*}.
 */
@Configuration(proxyBeanMethods = false)
class ChangeRulesConfiguration {

    @Bean
    ChangeRules privacyChangeRules(RepresentationRules representation, RepresentationDirectory directory,
                                   PvkProperties properties) {
        return new ChangeRules(representation, directory, new ChangePolicy(properties.teenParentMayChange()));
    }
}
