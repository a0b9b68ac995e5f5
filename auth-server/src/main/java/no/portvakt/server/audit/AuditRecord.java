package no.portvakt.server.audit;

import java.time.Instant;

/**
 * One token issued in a citizen's name: when, what kind, by which grant, to which client, for which audience and
 * scopes, who acted and for whom, and the token's {@code jti}; {@code relation} is how the one acting was related to
 * the person represented (the {@code representation.relation} claim's value), null when nobody acted (a SystemToken).
 */
public record AuditRecord(Instant issuedAt, String tokenKind, String grantType, String clientId, String audience,
                          String scopes, String actingPid, String representedPid, String jti,
                          String relation) {
}
