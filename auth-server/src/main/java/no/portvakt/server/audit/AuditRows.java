package no.portvakt.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Audit records as the columns of one {@code insert … select from unnest(…)}: the one statement by which every
 * writer of the trail stores a batch (all its rows or none, one round trip), the fødselsnumre protected
 * ({@link PidProtection}); and read back.
 */
@Component
public final class AuditRows {

    /** The columns {@link #record} reads, in its order. */
    static final String COLUMNS = "issued_at, token_kind, grant_type, client_id, audience, scopes, acting_enc, "
            + "represented_enc, jti, relation";

    private final PidProtection pids;

    AuditRows(PidProtection pids) {
        this.pids = pids;
    }

    /**
     * The insert of the records given by {@link #parameters}, in their order; {@code condition} (SQL, may be
     * empty) joins them with what decides which of them are written, by their ordinal {@code u.n} (1-based).
     */
    public static String insert(String condition) {
        return """
                insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes,
                    acting_ref, acting_enc, represented_ref, represented_enc, jti, relation)
                select to_timestamp(u.t / 1e6), u.k, u.g, u.c, u.a, u.s, u.ar, u.ae, u.rr, u.re, u.j, u.r
                from unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[],
                    ?::bytea[], ?::bytea[], ?::text[], ?::text[])
                    with ordinality as u(t, k, g, c, a, s, ar, ae, rr, re, j, r, n)
                """ + condition + "\norder by u.n";
    }

    /** The twelve arrays {@link #insert} takes, one element per record; the relations last. */
    public Object[] parameters(List<AuditRecord> records) {
        int n = records.size();
        long[] issuedAt = new long[n];
        String[][] text = new String[7][n];
        byte[][][] pid = new byte[4][n][];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            issuedAt[i] = ChronoUnit.MICROS.between(Instant.EPOCH, r.issuedAt());
            String[] values = {r.tokenKind(), r.grantType(), r.clientId(), r.audience(), r.scopes(), r.jti(),
                r.relation()};
            for (int c = 0; c < values.length; c++) {
                text[c][i] = values[c];
            }
            pid[0][i] = pids.reference(r.actingPid());
            pid[1][i] = pids.seal(r.actingPid());
            boolean forThemselves = r.actingPid() != null && r.actingPid().equals(r.representedPid());
            pid[2][i] = forThemselves ? pid[0][i] : pids.reference(r.representedPid());
            pid[3][i] = forThemselves ? pid[1][i] : pids.seal(r.representedPid());
        }
        return new Object[] {issuedAt, text[0], text[1], text[2], text[3], text[4], pid[0], pid[1], pid[2], pid[3],
                text[5], text[6]};
    }

    /** A row of {@link #COLUMNS}. */
    AuditRecord record(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), pids.open(rs.getBytes(7)), pids.open(rs.getBytes(8)),
                rs.getString(9), rs.getString(10));
    }

    /** What a citizen's records and trail readings are found by. */
    byte[] reference(String pid) {
        return pids.reference(pid);
    }
}
