package no.portvakt.server.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.login.LoginSessions;
import no.portvakt.server.login.idporten.IdportenLogout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

/**
 * The end of a citizen's login session, whichever way it ends (the portal's logout, a shared client's
 * RP-initiated logout, ID-porten's logout): access ends with it, not only the session.
 * <ol>
 *   <li>every partner that took part and listens is told (back-channel logout, queued first);</li>
 *   <li>every authorization of the session is removed: its refresh tokens, its codes not yet redeemed, and its
 *       access tokens, which userinfo and introspection then refuse; no new token can carry its {@code sid};</li>
 *   <li>the session itself ends on every instance.</li>
 * </ol>
 * The citizen's other sessions (another browser, another device) are left alone. Tokens for partner APIs are
 * not stored: they live out their few minutes, and a token exchange needs the session alive. A browser leaving
 * ({@link #leave}) is also logged out of ID-porten when its login came from there.
 */
@Component
public class SessionEnd {

    private final BackChannelLogout backChannel;
    private final OAuth2AuthorizationService authorizations;
    private final LoginSessions sessions;
    private final JdbcClient jdbc;
    private final Optional<IdportenLogout> idporten;

    SessionEnd(BackChannelLogout backChannel, OAuth2AuthorizationService authorizations, LoginSessions sessions,
               JdbcClient jdbc, ObjectProvider<IdportenLogout> idporten) {
        this.backChannel = backChannel;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.idporten = Optional.ofNullable(idporten.getIfAvailable());
    }

    /** Ends {@code citizen}'s login session, and the browser's, and sends the browser on to {@code target}. */
    public void leave(HttpServletRequest request, HttpServletResponse response, Citizen citizen, String target)
            throws IOException {
        Optional<String> upstream = idporten.flatMap(logout -> logout.hint(request.getSession(false)));
        end(citizen.pid(), citizen.sid());
        new SecurityContextLogoutHandler().logout(request, response, null);
        if (upstream.isPresent()) {
            idporten.get().leave(request, response, upstream.get(), target);
        } else {
            response.sendRedirect(target);
        }
    }

    /** Ends login session {@code sid} of the citizen {@code pid}, wherever it is. */
    public void end(String pid, String sid) {
        backChannel.sessionEnded(sid);
        // A citizen has a handful of authorizations: those of this login are told by the sid they carry.
        jdbc.sql("select id from oauth2_authorization where principal_name = ?").param(pid)
                .query(String.class).list().stream()
                .map(authorizations::findById).filter(Objects::nonNull)
                .filter(authorization -> sidOf(authorization).equals(sid))
                .forEach(authorizations::remove);
        sessions.end(sid);
    }

    private static String sidOf(OAuth2Authorization authorization) {
        return authorization.getAttribute(Principal.class.getName()) instanceof CitizenAuthentication c
                ? c.citizen().sid() : "";
    }
}
