package no.portvakt.server.clientauth;

import no.portvakt.server.groupcommit.GroupCommitProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import no.portvakt.server.groupcommit.Deadline;
import no.portvakt.server.groupcommit.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * RFC 7523 §3 item 7: the authorization server may ensure a JWT is not replayed by keeping its {@code jti} until
 * it expires. Kept in PostgreSQL, so a jti used at one instance is refused at every other. The jtis of concurrent
 * requests are recorded together, in one statement (the token endpoint's hottest write). Housekeeping deletes
 * rows after their expiry. This instance also remembers the jtis it was given until they expire, so a replay here
 * is refused at once, before a token is signed for it (a client_credentials grant signs while its jti is written).
 */
@Component
public class AssertionReplayGuard extends GroupCommit<AssertionReplayGuard.Use, Boolean> {

    static final int MAX_BATCH = 200;
    static final int QUEUE_CAPACITY = 10_000;
    static final int MAX_REMEMBERED = 100_000;
    private static final Logger log = LoggerFactory.getLogger(AssertionReplayGuard.class);

    /** One use of a client assertion. */
    public record Use(String clientId, String jti, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<List<String>, Instant> remembered = new ConcurrentHashMap<>();

    public AssertionReplayGuard(JdbcTemplate jdbc, Clock clock, GroupCommitProperties properties) {
        super("assertion-jti-writer", MAX_BATCH, QUEUE_CAPACITY, properties);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the jti; completes with false when this client used it before. */
    public CompletableFuture<Boolean> firstUse(String clientId, String jti, Instant expiresAt) {
        List<String> key = List.of(clientId, jti);
        if (remembered.size() >= MAX_REMEMBERED) {
            Instant now = clock.instant();
            remembered.values().removeIf(expiry -> expiry.isBefore(now));
            if (remembered.size() >= MAX_REMEMBERED / 2) {
                remembered.clear(); // PostgreSQL still has them all; the next sweep is far off either way
            }
        }
        if (remembered.putIfAbsent(key, expiresAt) != null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> recorded = submit(new Use(clientId, jti, expiresAt));
        // A jti that could not be recorded was not used: the client may send the assertion again.
        recorded.whenComplete((first, failure) -> {
            if (failure != null) {
                remembered.remove(key, expiresAt);
            }
        });
        return recorded;
    }

    /**
     * Forgets a jti recorded as used, for an assertion nothing was issued for (best effort: while the database
     * does not answer, the jti stays used, and the client needs a new assertion).
     */
    public CompletableFuture<Void> release(String clientId, String jti) {
        remembered.remove(List.of(clientId, jti));
        return CompletableFuture.runAsync(() -> jdbc.update(
                "delete from client_assertion_jti where client_id = ? and jti = ?", clientId, jti))
                .exceptionally(failure -> {
                    log.debug("A jti could not be released: {}", failure.toString());
                    return null;
                });
    }

    @Override
    protected List<Boolean> run(List<Use> uses, Deadline deadline) {
        int n = uses.size();
        String[] clients = new String[n];
        String[] jtis = new String[n];
        long[] expiries = new long[n];
        for (int i = 0; i < n; i++) {
            clients[i] = uses.get(i).clientId();
            jtis[i] = uses.get(i).jti();
            expiries[i] = uses.get(i).expiresAt().getEpochSecond() + 1;
        }
        // One autocommitted statement; a jti twice in the batch is inserted once (on conflict do nothing).
        Set<List<String>> inserted = new HashSet<>(jdbc.query(deadline.statement("""
                insert into client_assertion_jti (client_id, jti, expires_at)
                select c, j, to_timestamp(e) from unnest(?::text[], ?::text[], ?::int8[]) as u(c, j, e)
                on conflict do nothing returning client_id, jti
                """, clients, jtis, expiries), (rs, i) -> List.of(rs.getString(1), rs.getString(2))));
        List<Boolean> first = new ArrayList<>(n);
        for (Use use : uses) {
            // Only the first of two uses in one batch gets the inserted row.
            first.add(inserted.remove(List.of(use.clientId(), use.jti())));
        }
        return first;
    }
}
