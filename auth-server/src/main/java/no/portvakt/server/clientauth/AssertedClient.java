package no.portvakt.server.clientauth;

import java.io.Serial;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.portvakt.server.issuance.PendingCheck;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * A client authenticated by a private_key_jwt assertion whose jti is being recorded as used (RFC 7523 §3 item 7,
 * {@link AssertionReplayGuard}): recorded only once the framework has accepted the assertion, so one refused for
 * another reason does not burn its jti. Recording is a round trip to PostgreSQL, which a grant that stores nothing
 * before it answers (a SystemToken, a token exchange) does not wait for: its issuance lists the check as pending
 * ({@link #pendingCheck}), and its token leaves only once the jti is known to be first used. Every other request
 * waits for it before it does anything ({@link #await}), so nothing happens for a replayed assertion.
 */
public final class AssertedClient extends OAuth2ClientAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    static final long WAIT_SECONDS = 5;

    private final transient AssertionReplayGuard guard;
    private final String jti;
    private final transient CompletableFuture<Boolean> firstUse;

    private AssertedClient(OAuth2ClientAuthenticationToken accepted, AssertionReplayGuard guard, Jwt assertion) {
        super(accepted.getRegisteredClient(), accepted.getClientAuthenticationMethod(), accepted.getCredentials());
        this.guard = guard;
        this.jti = assertion.getId();
        this.firstUse = guard.firstUse(accepted.getRegisteredClient().getClientId(), jti, assertion.getExpiresAt());
    }

    /** The framework's private_key_jwt provider in {@code providers}, each accepted assertion's jti then recorded. */
    public static void recordingFirstUse(List<AuthenticationProvider> providers, AssertionReplayGuard guard) {
        providers.replaceAll(p -> p instanceof JwtClientAssertionAuthenticationProvider ? recording(p, guard) : p);
    }

    private static AuthenticationProvider recording(AuthenticationProvider framework, AssertionReplayGuard guard) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Authentication accepted = framework.authenticate(authentication);
                if (accepted instanceof OAuth2ClientAuthenticationToken client
                        && client.getCredentials() instanceof Jwt assertion) {
                    return new AssertedClient(client, guard, assertion);
                }
                return accepted;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return framework.supports(authentication);
            }
        };
    }

    /** The first-use check of the client's assertion, for an issuance to settle after signing; none without one. */
    public static Optional<PendingCheck> pendingCheck(Object client) {
        if (!(client instanceof AssertedClient asserted)) {
            return Optional.empty();
        }
        return Optional.of((records, deadline) -> asserted.firstUse.handle((first, failure) -> {
            if (failure != null) {
                throw unavailable();
            }
            if (!first) {
                throw new OAuth2AuthenticationException(usedBefore());
            }
            return false;
        }));
    }

    /** Waits until the client's assertion is known to be first used; refuses a replay. */
    public static void await(Object client) {
        if (!(client instanceof AssertedClient asserted)) {
            return;
        }
        boolean first;
        try {
            first = asserted.firstUse.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
        }
        if (!first) {
            throw new OAuth2AuthenticationException(usedBefore());
        }
    }

    /**
     * After a request that failed because Portvakt could not finish it (the database did not answer in time, say),
     * nothing was issued for the client's assertion: its jti is forgotten, so the client may send the same assertion
     * again. A request refused for what it asked (a replay, a bad grant) keeps its jti used.
     */
    public static CompletableFuture<Void> releaseIfUnfinished(Object client, Throwable failure) {
        if (client instanceof AssertedClient asserted && unfinished(failure)) {
            return asserted.guard.release(asserted.getRegisteredClient().getClientId(), asserted.jti);
        }
        return CompletableFuture.completedFuture(null);
    }

    private static boolean unfinished(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OAuth2AuthenticationException refused) {
                return "temporarily_unavailable".equals(refused.getError().getErrorCode());
            }
        }
        return true;
    }

    private static OAuth2Error usedBefore() {
        return ClientAssertionRules.error("this assertion (jti) was used before");
    }

    /** Never accept an assertion whose jti could not be recorded; the client may try again. */
    private static OAuth2AuthenticationException unavailable() {
        return new OAuth2AuthenticationException(new OAuth2Error("temporarily_unavailable",
                "The client assertion could not be checked; try again", null));
    }
}
