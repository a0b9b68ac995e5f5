package no.portvakt.server.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.clients.*}: the registered-client cache in front of PostgreSQL. */
@ConfigurationProperties("portvakt.clients")
public record ClientsProperties(
        @DefaultValue("30s") Duration cacheTtl,
        /* While PostgreSQL does not answer, a client or API read from it within this time is still served (and
           portvakt_registry_stale_total counts it); 0: never. */
        @DefaultValue("10m") Duration serveStaleFor,
        /* How often each instance checks whether the registry changed (and drops its caches if so). */
        @DefaultValue("2s") Duration changePollInterval) {
}
