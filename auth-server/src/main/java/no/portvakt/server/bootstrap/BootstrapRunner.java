package no.portvakt.server.bootstrap;

import no.portvakt.pvk.bootstrap.PvkSection;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.registry.store.RegistryAdministration;
import no.portvakt.registry.bootstrap.BootstrapFile;
import no.portvakt.registry.bootstrap.PartnerSection;
import no.portvakt.server.citizen.CitizenSection;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.settings.PortvaktProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the bootstrap file ({@code portvakt.bootstrap}) at every start, idempotently, before the server takes
 * requests. The whole file is validated first and applied in one transaction: a bad file stops start-up and
 * changes nothing.
 */
@Component
class BootstrapRunner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BootstrapRunner.class);

    private final PortvaktProperties properties;
    private final ResourceLoader resources;
    private final RegistryAdministration registry;
    private final PersonDirectory persons;
    private final TransactionTemplate tx;
    private final Environment environment;
    private final PvkRegistry pvk;

    BootstrapRunner(PortvaktProperties properties, ResourceLoader resources, RegistryAdministration registry,
                    PersonDirectory persons, TransactionTemplate tx, Environment environment, PvkRegistry pvk) {
        this.pvk = pvk;
        this.environment = environment;
        this.properties = properties;
        this.resources = resources;
        this.registry = registry;
        this.persons = persons;
        this.tx = tx;
    }

    @Override
    public void afterPropertiesSet() {
        String location = properties.bootstrap();
        if (location == null || location.isBlank()) {
            log.info("No bootstrap file (portvakt.bootstrap) configured");
            return;
        }
        BootstrapFile file = BootstrapFile.read(resources.getResource(location), environment::resolveRequiredPlaceholders);
        file.root().allowOnly(java.util.Set.of("partners", "citizens", "relations", "pvk"));
        PartnerSection partners = PartnerSection.parse(file.root());
        CitizenSection citizens = CitizenSection.parse(file.root());
        PvkSection privacy = PvkSection.parse(file.root());
        tx.executeWithoutResult(status -> {
            registry.apply(partners, "bootstrap");
            citizens.applyTo(persons);
            privacy.applyTo(pvk);
        });
        log.info("Applied bootstrap file {}", location);
    }
}
