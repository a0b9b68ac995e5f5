package no.portvakt.server.representation;

import no.portvakt.server.login.Citizen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit of refused representations: a citizen asked to act for someone the rules do not let them act for
 * (a forged form, or a relation that ended while the page was open). Stored in {@code security_event}; the log
 * line names the event, never a fødselsnummer.
 */
@Component
public class RefusedRepresentations {

    private static final Logger log = LoggerFactory.getLogger(RefusedRepresentations.class);

    private final JdbcClient jdbc;

    RefusedRepresentations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Citizen citizen, String representedPid) {
        String asked = representedPid == null ? null : representedPid.substring(0, Math.min(representedPid.length(), 64));
        long id = jdbc.sql("""
                insert into security_event (kind, acting_pid, subject, session_id)
                values ('representation_refused', ?, ?, ?) returning id
                """).params(citizen.pid(), asked, citizen.sid()).query(Long.class).single();
        log.warn("Refused a representation the rules do not allow (security_event {})", id);
    }
}
