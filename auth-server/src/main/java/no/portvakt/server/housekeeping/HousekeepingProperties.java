package no.portvakt.server.housekeeping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.housekeeping.*}: the cleanup of expired rows. */
@ConfigurationProperties("portvakt.housekeeping")
public record HousekeepingProperties(
        @DefaultValue("5m") Duration interval,
        @DefaultValue("1000") int batchSize,
        /* How long an authorization row is kept after everything in it expired. */
        @DefaultValue("1h") Duration grace) {
}
