package no.portvakt.server.issuance;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.portvakt.server.audit.AuditRecord;
import no.portvakt.server.groupcommit.Deadline;

/**
 * A check a token depends on that may still be running while the token is signed: a round trip to PostgreSQL the
 * request need not wait for before signing (a grant that stores nothing before its response may still be refused
 * up to the moment the response leaves). The response waits for every pending check of its issuance, in order.
 */
@FunctionalInterface
public interface PendingCheck {

    /**
     * Starts once the checks listed before it have held. Completes with whether it stored {@code records} itself
     * (in its own statement, so that none is stored unless it holds); fails with the
     * {@code OAuth2AuthenticationException} that refuses the tokens, or any other exception when it could not be
     * made, at the latest by {@code deadline} (a statement not run by then is not run).
     */
    CompletableFuture<Boolean> settle(List<AuditRecord> records, Deadline deadline);
}
