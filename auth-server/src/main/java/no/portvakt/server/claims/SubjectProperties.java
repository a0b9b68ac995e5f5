package no.portvakt.server.claims;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code portvakt.subject.*}: the pairwise subject identifiers (OIDC Core §8.1). */
@ConfigurationProperties("portvakt.subject")
public record SubjectProperties(
        /* The secret of the HMAC that derives sub; changing it changes every partner's sub. */
        String pairwiseSecret) {
}
