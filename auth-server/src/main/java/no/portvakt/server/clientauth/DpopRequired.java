package no.portvakt.server.clientauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.portvakt.server.clients.PortvaktClientSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A client registered to require DPoP (RFC 9449) gets no token without a proof, whatever the grant. Runs at the
 * token endpoint once the client is authenticated; the framework verifies the proof itself ({@code htm},
 * {@code htu}, {@code iat}, single-use {@code jti}) and binds the token ({@code cnf.jkt}).
 */
public final class DpopRequired extends OncePerRequestFilter {

    private final AuthenticationFailureHandler errors;

    public DpopRequired(AuthenticationFailureHandler errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(request.getContextPath() + "/oauth2/token");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && PortvaktClientSettings.requireDpop(client.getRegisteredClient().getClientSettings())
                && request.getHeader("DPoP") == null) {
            errors.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(new OAuth2Error(
                    "invalid_dpop_proof", "This client must send a DPoP proof (RFC 9449)", null)));
            return;
        }
        chain.doFilter(request, response);
    }
}
