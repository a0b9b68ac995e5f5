package no.portvakt.server.audit;

import no.portvakt.server.groupcommit.GroupCommitProperties;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.portvakt.server.groupcommit.Deadline;
import no.portvakt.server.groupcommit.GroupCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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

    public TokenAudit(JdbcTemplate jdbcTemplate, JdbcClient jdbc, GroupCommitProperties properties) {
        super("token-audit-writer", MAX_BATCH, QUEUE_CAPACITY, properties);
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
    }

    /**
     * Queues the record; the future completes when it is committed, or fails when it cannot be by
     * {@code deadline} (and then it never is).
     */
    public CompletableFuture<Void> record(AuditRecord record, Deadline deadline) {
        return submit(record, deadline);
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
    protected List<Void> run(List<AuditRecord> batch, Deadline deadline) {
        jdbcTemplate.update(deadline.statement(AuditRows.insert(""), AuditRows.parameters(batch)));
        return Collections.nCopies(batch.size(), null);
    }

    private static String trim(String pid) {
        return pid == null ? null : pid.trim();
    }
}
