package no.portvakt.server.audit;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.portvakt.server.groupcommit.GroupCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of tokens issued in a citizen's name, written in batches (group commit): a token request hands
 * its record over and waits only until the batch holding it is committed, so many requests share one insert and
 * one commit, and no token is returned whose record is not stored.
 */
@Component
public class TokenAudit extends GroupCommit<AuditRecord, Void> {

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public TokenAudit(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TransactionTemplate tx) {
        super("token-audit-writer", MAX_BATCH, QUEUE_CAPACITY);
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Queues the record; the future completes when it is committed, or fails when it cannot be. */
    public CompletableFuture<Void> record(AuditRecord record) {
        return submit(record);
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

    @Override
    protected List<Void> write(List<AuditRecord> batch) {
        tx.executeWithoutResult(status -> jdbcTemplate.batchUpdate("""
                insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes,
                    acting_pid, represented_pid, jti) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, batch, batch.size(), (ps, r) -> {
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
        return Collections.nCopies(batch.size(), null);
    }

    private static String trim(String pid) {
        return pid == null ? null : pid.trim();
    }
}
