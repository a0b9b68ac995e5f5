package no.portvakt.server.logout;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clients that took part in a login session ({@code sid}): each that got an ID token in it, so the session's
 * logout reaches it (OIDC Back-Channel Logout 1.0 §2.5). One insert per login at a client.
 */
@Component
public class SessionParticipants {

    private final JdbcClient jdbc;

    SessionParticipants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that {@code clientId} got an ID token in the login session {@code sid} of {@code actingPid}. */
    public void joined(String sid, String clientId, String actingPid) {
        jdbc.sql("""
                insert into session_participant (sid, client_id, acting_pid) values (?, ?, ?)
                on conflict (sid, client_id) do nothing
                """).params(sid, clientId, actingPid).update();
    }
}
