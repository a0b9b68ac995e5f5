package no.portvakt.server.clientauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every endpoint but the token endpoint (PAR, introspection, revocation) acts only once the client's assertion is
 * known to be first used ({@link AssertedClient#await}); a replay is a failed client authentication. At the token
 * endpoint each grant settles the check itself, before it runs or, for a grant that stores nothing, before its
 * response leaves.
 */
public final class AssertionFirstUse extends OncePerRequestFilter {

    private final String tokenEndpoint;
    private final AuthenticationFailureHandler failures;

    public AssertionFirstUse(String tokenEndpoint, AuthenticationFailureHandler failures) {
        this.tokenEndpoint = tokenEndpoint;
        this.failures = failures;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().equals(request.getContextPath() + tokenEndpoint);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            AssertedClient.await(SecurityContextHolder.getContext().getAuthentication());
        } catch (OAuth2AuthenticationException refused) {
            SecurityContextHolder.clearContext();
            failures.onAuthenticationFailure(request, response, refused);
            return;
        }
        chain.doFilter(request, response);
    }
}
