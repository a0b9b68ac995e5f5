package no.portvakt.server.clientauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims of a private_key_jwt client assertion (RFC 7523 §3, OIDC Core §9), checked in order, after the
 * signature. The jti must be there; it is recorded as used once the whole assertion is accepted
 * ({@link AssertedClient}).
 */
final class ClientAssertionRules implements OAuth2TokenValidator<Jwt> {

    /** The longest an assertion may live from now (Maskinporten's and ID-porten's limit). */
    static final Duration MAX_LIFETIME = Duration.ofSeconds(120);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

    private final String clientId;
    private final List<String> audiences;
    private final Clock clock;

    ClientAssertionRules(String clientId, List<String> audiences, Clock clock) {
        this.clientId = clientId;
        this.audiences = audiences;
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
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(error(description));
    }

    static OAuth2Error error(String description) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client assertion: " + description, ERROR_URI);
    }
}
