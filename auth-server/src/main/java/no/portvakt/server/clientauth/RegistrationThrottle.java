package no.portvakt.server.clientauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import no.portvakt.registry.throttle.FailedAuthentications;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Dynamic registration's tokens (the initial access token, a client's registration access token) are guessed
 * like secrets: every refused one (401) counts against the source address, and against the client whose
 * registration it tried ({@code /register/{client_id}}); a blocked caller gets {@code 429} first.
 */
public final class RegistrationThrottle extends OncePerRequestFilter {

    private final FailedAuthentications failures;
    private final String path;

    public RegistrationThrottle(FailedAuthentications failures, String path) {
        this.failures = failures;
        this.path = path;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String rest = request.getRequestURI().substring(request.getContextPath().length() + path.length());
        String clientId = rest.startsWith("/") && rest.length() > 1 ? rest.substring(1) : null;
        Optional<Duration> blocked = failures.blocked(clientId, request.getRemoteAddr());
        if (blocked.isPresent()) {
            ClientAuthenticationThrottle.tooMany(response, blocked.get());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.failed(clientId, request.getRemoteAddr());
        }
    }
}
