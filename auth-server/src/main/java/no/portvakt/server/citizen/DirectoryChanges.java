package no.portvakt.server.citizen;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's cached directory in step with PostgreSQL: a trigger moves the directory's generation on
 * every change to persons and relations (an import, an administrator's SQL), and each instance looks at it every
 * {@code portvakt.representation.directory-change-poll-interval}, dropping its cache when it moved.
 */
@Component
class DirectoryChanges {

    private final JdbcClient jdbc;
    private final PersonDirectory directory;
    private final AtomicLong seen = new AtomicLong(-1);

    DirectoryChanges(JdbcClient jdbc, PersonDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @Scheduled(fixedDelayString = "${portvakt.representation.directory-change-poll-interval:2s}")
    void poll() {
        long generation = jdbc.sql("select generation from directory_generation").query(Long.class).single();
        if (seen.getAndSet(generation) != generation) {
            directory.forget();
        }
    }
}
