package no.portvakt.server.audit;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The token response, sent only once the audit records of its tokens are committed. If they cannot be, the
 * client gets {@code temporarily_unavailable} instead of a token nobody could later account for.
 */
public final class AuditedTokenResponses implements AuthenticationSuccessHandler {

    static final long WAIT_SECONDS = 5;

    private final AuthenticationSuccessHandler tokens = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    private final AuthenticationFailureHandler errors;

    public AuditedTokenResponses(AuthenticationFailureHandler errors) {
        this.errors = errors;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if (request.getAttribute(AuditedTokens.PENDING) instanceof List<?> pending) {
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS,
                        TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                errors.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(new OAuth2Error(
                        "temporarily_unavailable", "The token could not be recorded; try again", null)));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServletException(e);
            }
        }
        tokens.onAuthenticationSuccess(request, response, authentication);
    }
}
