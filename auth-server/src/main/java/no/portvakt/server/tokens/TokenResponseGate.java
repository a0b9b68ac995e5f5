package no.portvakt.server.tokens;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What must be settled before a token response leaves, kept on the request: the client assertion's jti recorded
 * as first used (when that check runs while the token is signed), then the audit records of the tokens. A step
 * starts only once every step added before it has succeeded, so a refused request leaves no audit record of a
 * token it never got. {@link HeldTokenResponses} waits for the last one.
 */
public final class TokenResponseGate {

    private static final String ATTRIBUTE = TokenResponseGate.class.getName();

    private CompletableFuture<?> settled = CompletableFuture.completedFuture(null);

    private TokenResponseGate() {
    }

    /** Adds a step to the current token request; it fails with the reason the token must not leave. */
    public static <T> void then(Supplier<CompletableFuture<T>> step) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        TokenResponseGate gate = (TokenResponseGate) request.getAttribute(ATTRIBUTE);
        if (gate == null) {
            gate = new TokenResponseGate();
            request.setAttribute(ATTRIBUTE, gate);
        }
        gate.settled = gate.settled.thenCompose(done -> step.get());
    }

    /** Completes once every step of the request has; null when it has none. */
    static CompletableFuture<?> settled(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof TokenResponseGate gate ? gate.settled : null;
    }
}
