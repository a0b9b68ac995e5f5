package no.portvakt.server.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims of a private_key_jwt client assertion (RFC 7523 §3, OIDC Core §9), checked in order, after the
 * signature. The jti is recorded last, so an assertion refused for another reason does not burn its jti.
 */
final class ClientAssertionRules implements OAuth2TokenValidator<Jwt> {

    /** The longest an assertion may live from now (Maskinporten's and ID-porten's limit). */
    static final Duration MAX_LIFETIME = Duration.ofSeconds(120);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    static final long WAIT_SECONDS = 5;
    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

    private final String clientId;
    private final List<String> audiences;
    private final AssertionReplayGuard replayGuard;
    private final Clock clock;

    ClientAssertionRules(String clientId, List<String> audiences, AssertionReplayGuard replayGuard, Clock clock) {
        this.clientId = clientId;
        this.audiences = audiences;
        this.replayGuard = replayGuard;
        this.clock = clock;
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
        if (!firstUse(jti, exp)) {
            return failure("this assertion (jti) was used before");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private boolean firstUse(String jti, Instant exp) {
        try {
            return replayGuard.firstUse(clientId, jti, exp).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Never accept an assertion whose jti could not be recorded; the client may try again.
            throw new OAuth2AuthenticationException(new OAuth2Error("temporarily_unavailable",
                    "The client assertion could not be checked; try again", null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
        }
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client assertion: " + description, ERROR_URI));
    }
}
