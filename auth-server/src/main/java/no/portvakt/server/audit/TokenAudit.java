package no.portvakt.server.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of tokens issued in a citizen's name, written by one thread in batches (group commit): a token
 * request hands its record over and waits only until the batch holding it is committed, so many requests share one
 * insert and one commit, and no token is returned whose record is not stored.
 */
@Component
public class TokenAudit implements SmartLifecycle {

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;
    private static final Logger log = LoggerFactory.getLogger(TokenAudit.class);

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile Thread writer;

    private record Pending(AuditRecord record, CompletableFuture<Void> written) {
    }

    public TokenAudit(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Queues the record; the future completes when it is committed, or fails when it cannot be. */
    public CompletableFuture<Void> record(AuditRecord record) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (writer == null || !queue.offer(new Pending(record, written))) {
            written.completeExceptionally(new IllegalStateException("The token audit is not accepting records"));
        }
        return written;
    }

    /** Every token issued in the name of {@code pid}, as actor or as the person represented, newest first. */
    public List<AuditRecord> forCitizen(String pid) {
        return jdbc.sql("""
                select issued_at, token_kind, grant_type, client_id, audience, scopes, acting_pid, represented_pid, jti
                from token_audit where acting_pid = ? or represented_pid = ? order by issued_at desc, id desc limit 1000
                """).params(pid, pid)
                .query((rs, n) -> new AuditRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), trim(rs.getString(7)),
                        trim(rs.getString(8)), rs.getString(9)))
                .list();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (writer != null || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            tx.executeWithoutResult(status -> jdbcTemplate.batchUpdate("""
                    insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes,
                        acting_pid, represented_pid, jti) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, batch, batch.size(), (ps, pending) -> {
                        AuditRecord r = pending.record();
                        ps.setTimestamp(1, Timestamp.from(r.issuedAt()));
                        ps.setString(2, r.tokenKind());
                        ps.setString(3, r.grantType());
                        ps.setString(4, r.clientId());
                        ps.setString(5, r.audience());
                        ps.setString(6, r.scopes());
                        ps.setString(7, r.actingPid());
                        ps.setString(8, r.representedPid());
                        ps.setString(9, r.jti());
                    }));
            batch.forEach(p -> p.written().complete(null));
        } catch (RuntimeException e) {
            log.error("Could not write {} token audit records: the tokens are refused", batch.size(), e);
            batch.forEach(p -> p.written().completeExceptionally(e));
        }
    }

    private static String trim(String pid) {
        return pid == null ? null : pid.trim();
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::writeLoop, "token-audit-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Stops taking records, and writes the ones already queued before the application closes. */
    @Override
    public void stop() {
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }
}
