package no.portvakt.server.config;

import no.portvakt.server.login.TestIdProperties;
import no.portvakt.server.settings.PortvaktProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The last lines of start-up: where Portvakt answers and how to log in. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final PortvaktProperties properties;
    private final TestIdProperties testId;

    StartupReport(PortvaktProperties properties, TestIdProperties testId) {
        this.properties = properties;
        this.testId = testId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("Portvakt is ready. Issuer: {}", properties.issuer());
        log.info("Discovery: {}/.well-known/openid-configuration", properties.issuer());
        if (testId.enabled()) {
            log.info("TestID login (synthetic citizens only): {}/login", properties.issuer());
        }
    }
}
