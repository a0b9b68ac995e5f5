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
        @DefaultValue("5ms") Duration interval,
        /* How long a token request waits for its statements in all: one not run by then is not run at all (nor
           its rows stored), and the request is answered 503 temporarily_unavailable. Well under the 10 s a
           partner's client usually waits, with a connection's acquisition on top. */
        @DefaultValue("3s") Duration deadline) {
}
