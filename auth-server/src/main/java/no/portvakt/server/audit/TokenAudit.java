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
    private final AuditRows rows;

    public TokenAudit(JdbcTemplate jdbcTemplate, JdbcClient jdbc, AuditRows rows, GroupCommitProperties properties) {
        super("token-audit-writer", MAX_BATCH, QUEUE_CAPACITY, properties);
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.rows = rows;
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
        byte[] citizen = rows.reference(pid);
        return jdbc.sql("select " + AuditRows.COLUMNS + """
                 from token_audit where acting_ref = ? or represented_ref = ?
                order by issued_at desc, id desc limit 1000
                """).params(citizen, citizen).query(rows::record).list();
    }

    @Override
    protected List<Void> run(List<AuditRecord> batch, Deadline deadline) {
        jdbcTemplate.update(deadline.statement(AuditRows.insert(""), rows.parameters(batch)));
        return Collections.nCopies(batch.size(), null);
    }
}
