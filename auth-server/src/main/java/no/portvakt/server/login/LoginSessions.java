package no.portvakt.server.login;

import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a citizen's login session is still alive, by the login's {@code sid}: sessions live in
 * {@code spring_session}, which every instance shares, indexed by sid (see {@link CitizenLoginSuccess}).
 */
@Component
public class LoginSessions {

    private final JdbcClient jdbc;
    private final Clock clock;

    public LoginSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Ends every session of login {@code sid}, on every instance (they share the store). */
    public void end(String sid) {
        jdbc.sql("delete from spring_session where principal_name = ?").param(sid).update();
    }

    public boolean isAlive(String sid) {
        return jdbc.sql("select exists (select 1 from spring_session where principal_name = ? and expiry_time > ?)")
                .params(sid, clock.millis()).query(Boolean.class).single();
    }
}
