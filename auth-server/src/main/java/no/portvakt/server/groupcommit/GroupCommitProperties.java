package no.portvakt.server.groupcommit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portvakt.group-commit.*}: the statements that token requests wait for (jtis, audit records, subject checks),
 * run in batches.
 */
@ConfigurationProperties("portvakt.group-commit")
public record GroupCommitProperties(
        /* At most one batch per writer in this time: under load each takes what came meanwhile; an item that
           finds its writer idle since longer is run at once. 0: every batch as soon as the last has run. */
        @DefaultValue("5ms") Duration interval) {
}
