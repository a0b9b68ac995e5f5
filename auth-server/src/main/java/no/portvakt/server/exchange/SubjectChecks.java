package no.portvakt.server.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.portvakt.server.groupcommit.GroupCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Whether kept subject tokens still hold, asked for many exchanges in one statement on the primary key: is the
 * authorization's row still at the version it was read at (not revoked, refreshed or removed), and is the
 * citizen's login session alive.
 */
@Component
public class SubjectChecks extends GroupCommit<SubjectChecks.Check, SubjectChecks.Standing> {

    static final int MAX_BATCH = 200;
    static final int QUEUE_CAPACITY = 10_000;

    /** One subject token's authorization, at the row version it was read at, and its login session. */
    record Check(String authorizationId, long version, String sid) {
    }

    enum Standing { HOLDS, SESSION_ENDED, CHANGED }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SubjectChecks(JdbcTemplate jdbc, Clock clock) {
        super("subject-token-checker", MAX_BATCH, QUEUE_CAPACITY);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    CompletableFuture<Standing> check(Check check) {
        return submit(check);
    }

    @Override
    protected List<Standing> run(List<Check> checks) {
        int n = checks.size();
        String[] ids = new String[n];
        long[] versions = new long[n];
        String[] sids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = checks.get(i).authorizationId();
            versions[i] = checks.get(i).version();
            sids[i] = checks.get(i).sid();
        }
        Map<Long, Boolean> alive = new HashMap<>();
        jdbc.query("""
                select u.n, exists (select 1 from spring_session s where s.principal_name = u.sid
                                    and s.expiry_time > ?)
                from unnest(?::text[], ?::int8[], ?::text[]) with ordinality as u(id, version, sid, n)
                join oauth2_authorization a on a.id = u.id and a.xmin::text::bigint = u.version
                """, (RowCallbackHandler) rs -> alive.put(rs.getLong(1), rs.getBoolean(2)),
                clock.millis(), ids, versions, sids);
        List<Standing> standings = new ArrayList<>(n);
        for (long i = 1; i <= n; i++) {
            Boolean sessionAlive = alive.get(i);
            standings.add(sessionAlive == null ? Standing.CHANGED
                    : sessionAlive ? Standing.HOLDS : Standing.SESSION_ENDED);
        }
        return standings;
    }
}
