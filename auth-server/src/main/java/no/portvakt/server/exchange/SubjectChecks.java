package no.portvakt.server.exchange;

import no.portvakt.server.groupcommit.GroupCommitProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.portvakt.server.audit.AuditRecord;
import no.portvakt.server.audit.AuditRows;
import no.portvakt.server.groupcommit.Deadline;
import no.portvakt.server.groupcommit.GroupCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Whether kept subject tokens still hold, asked for many exchanges in one statement on the primary key: is the
 * authorization's row still at the version it was read at (not revoked, refreshed or removed), and is the
 * citizen's login session alive. The same statement writes the audit record of each exchanged token whose subject
 * holds, and of no other (one round trip instead of two, and no record of a token that is refused).
 */
@Component
public class SubjectChecks extends GroupCommit<SubjectChecks.Check, SubjectChecks.Standing> {

    static final int MAX_BATCH = 200;
    static final int QUEUE_CAPACITY = 10_000;

    /** One subject token's authorization, at the row version it was read at, its login session, and the record. */
    record Check(String authorizationId, long version, String sid, AuditRecord record) {
    }

    enum Standing { HOLDS, SESSION_ENDED, CHANGED }

    private final JdbcTemplate jdbc;
    private final AuditRows rows;
    private final Clock clock;

    SubjectChecks(JdbcTemplate jdbc, AuditRows rows, Clock clock, GroupCommitProperties properties) {
        super("subject-token-checker", MAX_BATCH, QUEUE_CAPACITY, properties);
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    CompletableFuture<Standing> check(Check check, Deadline deadline) {
        return submit(check, deadline);
    }

    @Override
    protected List<Standing> run(List<Check> checks, Deadline deadline) {
        int n = checks.size();
        String[] ids = new String[n];
        long[] versions = new long[n];
        String[] sids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = checks.get(i).authorizationId();
            versions[i] = checks.get(i).version();
            sids[i] = checks.get(i).sid();
        }
        Object[] records = rows.parameters(checks.stream().map(Check::record).toList());
        Object[] parameters = new Object[4 + records.length];
        parameters[0] = clock.millis();
        parameters[1] = ids;
        parameters[2] = versions;
        parameters[3] = sids;
        System.arraycopy(records, 0, parameters, 4, records.length);
        Map<Long, Boolean> alive = new HashMap<>();
        jdbc.query(deadline.statement("""
                with standing as (
                    select c.n, exists (select 1 from spring_session s where s.principal_name = c.sid
                                        and s.expiry_time > ?) as alive
                    from unnest(?::text[], ?::int8[], ?::text[]) with ordinality as c(id, version, sid, n)
                    join oauth2_authorization a on a.id = c.id and a.xmin::text::bigint = c.version),
                recorded as (
                """ + AuditRows.insert("join standing on standing.n = u.n and standing.alive") + """
                )
                select n, alive from standing
                """, parameters), (RowCallbackHandler) rs -> alive.put(rs.getLong(1), rs.getBoolean(2)));
        List<Standing> standings = new ArrayList<>(n);
        for (long i = 1; i <= n; i++) {
            Boolean sessionAlive = alive.get(i);
            standings.add(sessionAlive == null ? Standing.CHANGED
                    : sessionAlive ? Standing.HOLDS : Standing.SESSION_ENDED);
        }
        return standings;
    }
}
