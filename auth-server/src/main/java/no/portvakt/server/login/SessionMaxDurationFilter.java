package no.portvakt.server.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session {@code portvakt.session.max-duration} after it began, however active it was (the idle timeout
 * is the session's own). Runs inside Spring Session's filter, so the session it ends is the shared JDBC session
 * and the end reaches every instance.
 */
public final class SessionMaxDurationFilter extends OncePerRequestFilter {

    private final Duration maxDuration;
    private final Clock clock;

    public SessionMaxDurationFilter(Duration maxDuration, Clock clock) {
        this.maxDuration = maxDuration;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && clock.millis() - session.getCreationTime() > maxDuration.toMillis()) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
