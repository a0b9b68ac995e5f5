package no.portvakt.server.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading a citizen's token audit trail, on record: the trail tells which health services the citizen uses and for
 * whom they act, so who read it, when, and how much they saw is kept beside it, in the same transaction as the
 * read (a trail whose reading cannot be recorded is not shown).
 */
@Component
class AuditTrailReads {

    /** One reading of a citizen's trail. */
    record Lookup(Instant lookedUpAt, String lookedUpBy, int records) {
    }

    private final TokenAudit audit;
    private final AuditRows rows;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    AuditTrailReads(TokenAudit audit, AuditRows rows, JdbcClient jdbc, TransactionTemplate tx) {
        this.audit = audit;
        this.rows = rows;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The citizen's trail, newest first, with this reading recorded. */
    List<AuditRecord> read(String pid, String reader) {
        return tx.execute(status -> {
            List<AuditRecord> trail = audit.forCitizen(pid);
            jdbc.sql("insert into token_audit_lookup (looked_up_by, pid_ref, records) values (?, ?, ?)")
                    .params(reader, rows.reference(pid), trail.size()).update();
            return trail;
        });
    }

    /** Who read the citizen's trail, newest first, at most 1,000. */
    List<Lookup> lookups(String pid) {
        return jdbc.sql("""
                select looked_up_at, looked_up_by, records from token_audit_lookup
                where pid_ref = ? order by looked_up_at desc, id desc limit 1000
                """).param(rows.reference(pid))
                .query((rs, n) -> new Lookup(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getInt(3)))
                .list();
    }
}
