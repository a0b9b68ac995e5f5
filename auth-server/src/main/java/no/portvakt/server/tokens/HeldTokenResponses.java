package no.portvakt.server.tokens;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * The token response, sent only once its {@link TokenResponseGate} is settled. A step that refuses the token
 * (a client assertion used before) answers with its own error; one that could not be written (an audit record)
 * answers {@code temporarily_unavailable} instead of a token nobody could later account for.
 */
public final class HeldTokenResponses implements AuthenticationSuccessHandler {

    static final long WAIT_SECONDS = 5;

    private final AuthenticationSuccessHandler tokens = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    private final AuthenticationFailureHandler errors;

    public HeldTokenResponses(AuthenticationFailureHandler errors) {
        this.errors = errors;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        CompletableFuture<?> settled = TokenResponseGate.settled(request);
        if (settled != null) {
            try {
                settled.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                errors.onAuthenticationFailure(request, response, refusal(e));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServletException(e);
            }
        }
        tokens.onAuthenticationSuccess(request, response, authentication);
    }

    private static OAuth2AuthenticationException refusal(Exception failure) {
        Throwable cause = failure.getCause();
        while (cause instanceof CompletionException || cause instanceof ExecutionException) {
            cause = cause.getCause();
        }
        return cause instanceof OAuth2AuthenticationException refused ? refused : new OAuth2AuthenticationException(
                new OAuth2Error("temporarily_unavailable", "The token could not be recorded; try again", null));
    }
}
