package no.portvakt.server.clientauth;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import no.portvakt.server.tokens.TokenResponseGate;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The claims of a private_key_jwt client assertion (RFC 7523 §3, OIDC Core §9), checked in order, after the
 * signature. The jti is recorded last, so an assertion refused for another reason does not burn its jti.
 * <p>
 * Recording it is a round trip to PostgreSQL. A token request whose grant stores nothing before it answers
 * (client_credentials, token exchange) does not wait for it here: the token is signed meanwhile, and it leaves
 * only once its jti is known to be first used ({@link TokenResponseGate}). Every other request (a code or
 * refresh grant, PAR, introspection, revocation) waits, so nothing happens for a replayed assertion.
 */
final class ClientAssertionRules implements OAuth2TokenValidator<Jwt> {

    /** The longest an assertion may live from now (Maskinporten's and ID-porten's limit). */
    static final Duration MAX_LIFETIME = Duration.ofSeconds(120);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    static final long WAIT_SECONDS = 5;
    private static final String USED_BEFORE = "this assertion (jti) was used before";
    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

    private final String clientId;
    private final List<String> audiences;
    private final AssertionReplayGuard replayGuard;
    private final Clock clock;
    private final Predicate<HttpServletRequest> storesNothing;

    ClientAssertionRules(String clientId, List<String> audiences, AssertionReplayGuard replayGuard, Clock clock,
                         Predicate<HttpServletRequest> storesNothing) {
        this.clientId = clientId;
        this.audiences = audiences;
        this.replayGuard = replayGuard;
        this.clock = clock;
        this.storesNothing = storesNothing;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant now = clock.instant();
        if (!clientId.equals(jwt.getClaimAsString("iss")) || !clientId.equals(jwt.getSubject())) {
            return failure("iss and sub must both be the client_id");
        }
        if (jwt.getAudience() == null || jwt.getAudience().stream().noneMatch(audiences::contains)) {
            return failure("aud must be the issuer or the endpoint's URL");
        }
        Instant exp = jwt.getExpiresAt();
        if (exp == null) {
            return failure("exp is required");
        }
        if (exp.isBefore(now.minus(CLOCK_SKEW))) {
            return failure("the assertion has expired");
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            return failure("exp may be at most " + MAX_LIFETIME.toSeconds() + " seconds ahead");
        }
        if (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plus(CLOCK_SKEW))) {
            return failure("the assertion is not valid yet (nbf)");
        }
        if (jwt.getIssuedAt() != null && jwt.getIssuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            return failure("iat is in the future");
        }
        String jti = jwt.getId();
        if (jti == null || jti.isBlank() || jti.length() > 200) {
            return failure("jti is required");
        }
        CompletableFuture<Boolean> firstUse = replayGuard.firstUse(clientId, jti, exp);
        if (storesNothing.test(currentRequest())) {
            TokenResponseGate.then(() -> firstUse.handle((first, failure) -> {
                if (failure != null) {
                    throw unavailable();
                }
                if (!first) {
                    throw new OAuth2AuthenticationException(error(USED_BEFORE));
                }
                return null;
            }));
            return OAuth2TokenValidatorResult.success();
        }
        boolean first;
        try {
            first = firstUse.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
        }
        return first ? OAuth2TokenValidatorResult.success() : failure(USED_BEFORE);
    }

    /** Never accept an assertion whose jti could not be recorded; the client may try again. */
    private static OAuth2AuthenticationException unavailable() {
        return new OAuth2AuthenticationException(new OAuth2Error("temporarily_unavailable",
                "The client assertion could not be checked; try again", null));
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(error(description));
    }

    private static OAuth2Error error(String description) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client assertion: " + description, ERROR_URI);
    }
}
