package no.portvakt.server.workers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.workers.*}: the threads that serve HTTP requests, taking the waiting ones in the order they came. */
@ConfigurationProperties("portvakt.workers")
public record WorkersProperties(
        /* Workers normally; 0: one per processor, and one more for a request waiting for PostgreSQL. */
        @DefaultValue("0") int count,
        /* Workers at most, while some are stuck in I/O. */
        @DefaultValue("200") int max,
        /* How long requests wait with none started before one more worker is started. */
        @DefaultValue("20ms") Duration stallTimeout) {
}
