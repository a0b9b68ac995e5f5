package no.portvakt.server.audit;

import java.util.Arrays;
import java.util.List;
import no.portvakt.server.keys.KeyEncryption;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Migration 27, between V26 (the partitioned, sealed {@code token_audit}) and V28 (the clear columns dropped): the
 * audit rows there are move over with their fødselsnumre protected, and each reading of a trail gets its citizen's
 * keyed hash. In the application, because only it holds the keys; in batches, in the migration's transaction.
 */
final class AuditPidsSealed implements JavaMigration {

    private static final int BATCH = 1_000;

    private final KeyEncryption kek;

    AuditPidsSealed(KeyEncryption kek) {
        this.kek = kek;
    }

    /** The insert as it was at this version: a migration does what it did then, whatever the schema is now. */
    private static final String INSERT = """
            insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes,
                acting_ref, acting_enc, represented_ref, represented_enc, jti)
            select to_timestamp(u.t / 1e6), u.k, u.g, u.c, u.a, u.s, u.ar, u.ae, u.rr, u.re, u.j
            from unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[],
                ?::bytea[], ?::bytea[], ?::text[]) with ordinality as u(t, k, g, c, a, s, ar, ae, rr, re, j, n)
            order by u.n
            """;

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        AuditRows rows = new AuditRows(PidProtection.loadOrCreate(jdbc, kek));
        jdbc.queryForList("""
                select distinct date_trunc('month', issued_at at time zone 'UTC')::date from token_audit_clear
                """, java.sql.Date.class).forEach(month -> jdbc.queryForList("select token_audit_month(?)", month));
        long after = 0;
        List<Long> ids;
        do {
            ids = jdbc.queryForList("select id from token_audit_clear where id > ? order by id limit ?", Long.class,
                    after, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            List<AuditRecord> batch = jdbc.query("""
                    select issued_at, token_kind, grant_type, client_id, audience, scopes, trim(acting_pid),
                        trim(represented_pid), jti
                    from token_audit_clear where id = any(?) order by id
                    """, (rs, n) -> new AuditRecord(rs.getTimestamp(1).toInstant(), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getString(8), rs.getString(9), null), (Object) ids.toArray(Long[]::new));
            jdbc.update(INSERT, Arrays.copyOf(rows.parameters(batch), 11)); // without the relations, added in V30
            after = ids.get(ids.size() - 1);
        } while (ids.size() == BATCH);
        record Lookup(long id, String pid) {
        }
        for (Lookup lookup : jdbc.query("select id, pid from token_audit_lookup",
                (rs, n) -> new Lookup(rs.getLong(1), rs.getString(2)))) {
            jdbc.update("update token_audit_lookup set pid_ref = ? where id = ?", rows.reference(lookup.pid()),
                    lookup.id());
        }
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("27");
    }

    @Override
    public String getDescription() {
        return "audit pids sealed";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
