package no.portvakt.server.audit;

import java.time.Instant;

/**
 * One token issued in a citizen's name: when, what kind, by which grant, to which client, for which audience and
 * scopes, who acted and for whom, and the token's {@code jti}.
 */
public record AuditRecord(Instant issuedAt, String tokenKind, String grantType, String clientId, String audience,
                          String scopes, String actingPid, String representedPid, String jti) {
}
