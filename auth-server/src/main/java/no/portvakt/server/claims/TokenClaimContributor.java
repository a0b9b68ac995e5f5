package no.portvakt.server.claims;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * One part of the token vocabulary: each contributor sets the claims it owns, for the tokens it concerns, and
 * nothing else. The token pipeline calls every contributor for every JWT it signs.
 */
public interface TokenClaimContributor {

    void contribute(JwtEncodingContext context);
}
