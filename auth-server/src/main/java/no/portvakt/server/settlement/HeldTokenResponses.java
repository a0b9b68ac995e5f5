package no.portvakt.server.settlement;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The token response, sent only once what its tokens depend on is settled ({@link IssuanceSettlement}). A check
 * that refuses the token (a client assertion used before) answers with its own error; one that could not be made
 * or written (an audit record) by the issuance's deadline answers {@code temporarily_unavailable} instead of a
 * token nobody could later account for. The response waits for the outcome itself, which the deadline bounds,
 * not for a clock of its own: a record committed after a refusal would account for a token never sent. Only a
 * check that never ends at all (a bug) meets the guard, {@value #GUARD_SECONDS} s past the deadline.
 *
 * <p>The answer is always sent from a task of its own (servlet async): the thread that signed the token goes on to
 * the next request instead of waiting for PostgreSQL, and the connection goes back in line. Without that, Tomcat
 * reads a kept-alive connection's next request on the thread that answered the last one, and a few busy
 * connections keep the few {@code workers} to themselves.
 */
public final class HeldTokenResponses implements AuthenticationSuccessHandler {

    /** Past the deadline: a connection's acquisition (2 s by default) begun just before it, and the cancel. */
    static final long GUARD_SECONDS = 3;

    private static final Logger log = LoggerFactory.getLogger(HeldTokenResponses.class);

    private final AuthenticationSuccessHandler tokens = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    private final AuthenticationFailureHandler errors;
    private final long guardMillis;

    public HeldTokenResponses(AuthenticationFailureHandler errors, Duration deadline) {
        this.errors = errors;
        this.guardMillis = deadline.plusSeconds(GUARD_SECONDS).toMillis();
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) {
        // RFC 6749 §5.1: set before the security headers are written as the filter chain returns, which would
        // otherwise set their own Cache-Control.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        CompletableFuture<?> settled = authentication instanceof SettledTokens tokens ? tokens.settled()
                : CompletableFuture.completedFuture(null);
        if (!settled.isDone()) {
            settled = settled.orTimeout(guardMillis, TimeUnit.MILLISECONDS);
        }
        AsyncContext async = request.startAsync(request, response);
        settled.whenComplete((done, failure) -> {
            try {
                async.start(() -> answer(async, authentication, failure));
            } catch (RuntimeException notStarted) { // the workers are shutting down: answer here instead
                answer(async, authentication, failure);
            }
        });
    }

    private void answer(AsyncContext async, Authentication authentication, Throwable failure) {
        HttpServletRequest request = (HttpServletRequest) async.getRequest();
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        try {
            if (failure == null) {
                tokens.onAuthenticationSuccess(request, response, authentication);
            } else {
                errors.onAuthenticationFailure(request, response, refusal(failure));
            }
        } catch (IOException | ServletException | RuntimeException e) {
            log.debug("A token response could not be sent (the client may have gone): {}", e.toString());
        } finally {
            async.complete();
        }
    }

    private static OAuth2AuthenticationException refusal(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException || cause instanceof ExecutionException) {
            cause = cause.getCause();
        }
        if (cause instanceof OAuth2AuthenticationException refused) {
            return refused;
        }
        return new OAuth2AuthenticationException(new OAuth2Error("temporarily_unavailable",
                cause instanceof TimeoutException
                        ? "What the token depends on was not settled in time; try again"
                        : "The token could not be recorded; try again", null));
    }
}
