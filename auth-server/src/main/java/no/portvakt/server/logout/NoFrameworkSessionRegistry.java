package no.portvakt.server.logout;

import java.util.List;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Login sessions are Portvakt's own: named by the {@code sid} chosen at login, kept in {@code spring_session} on
 * every instance ({@code LoginSessions}). The framework would otherwise keep a registry of its own in each
 * instance's memory, and refuse an RP-initiated logout whose ID token's {@code sid} is not a hash of this
 * instance's servlet session id. This registry knows no sessions, so the framework defers to Portvakt.
 */
public final class NoFrameworkSessionRegistry implements SessionRegistry {

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        return List.of();
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
        // nothing kept
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
        // nothing kept
    }

    @Override
    public void removeSessionInformation(String sessionId) {
        // nothing kept
    }
}
