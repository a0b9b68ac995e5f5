package no.portvakt.server.login;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends a citizen's login sessions by the login's {@code sid}: sessions live in {@code spring_session}, which every
 * instance shares, indexed by sid (see {@link CitizenLoginSuccess}); a token exchange asks whether one is alive.
 */
@Component
public class LoginSessions {

    private final JdbcClient jdbc;

    public LoginSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ends every session of login {@code sid}, on every instance (they share the store). */
    public void end(String sid) {
        jdbc.sql("delete from spring_session where principal_name = ?").param(sid).update();
    }
}
