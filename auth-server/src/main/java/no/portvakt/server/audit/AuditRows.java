package no.portvakt.server.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Audit records as the columns of one {@code insert … select from unnest(…)}: the one statement by which every
 * writer of the trail stores a batch (all its rows or none, one round trip).
 */
public final class AuditRows {

    private AuditRows() {
    }

    /**
     * The insert of the records given by {@link #parameters}, in their order; {@code condition} (SQL, may be
     * empty) joins them with what decides which of them are written, by their ordinal {@code u.n} (1-based).
     */
    public static String insert(String condition) {
        return """
                insert into token_audit (issued_at, token_kind, grant_type, client_id, audience, scopes,
                    acting_pid, represented_pid, jti)
                select to_timestamp(u.t / 1e6), u.k, u.g, u.c, u.a, u.s, u.ap, u.rp, u.j
                from unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[]) with ordinality as u(t, k, g, c, a, s, ap, rp, j, n)
                """ + condition + "\norder by u.n";
    }

    /** The nine arrays {@link #insert} takes, one element per record. */
    public static Object[] parameters(List<AuditRecord> records) {
        int n = records.size();
        long[] issuedAt = new long[n];
        String[][] columns = new String[8][n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            issuedAt[i] = ChronoUnit.MICROS.between(Instant.EPOCH, r.issuedAt());
            String[] values = {r.tokenKind(), r.grantType(), r.clientId(), r.audience(), r.scopes(), r.actingPid(),
                    r.representedPid(), r.jti()};
            for (int c = 0; c < values.length; c++) {
                columns[c][i] = values[c];
            }
        }
        return new Object[] {issuedAt, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5],
                columns[6], columns[7]};
    }
}
