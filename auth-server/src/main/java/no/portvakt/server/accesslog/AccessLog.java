package no.portvakt.server.accesslog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.server.audit.PidProtection;
import no.portvakt.server.issuance.OidcScopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The citizen's own access log: every token issued in the name of the person they act for, newest first, a page
 * at a time. Reading it is on record like every reading of the audit trail ({@code token_audit_lookup}), in the
 * same transaction (a log whose reading cannot be recorded is not shown). One acting for another sees what the
 * representation allows ({@link Representation#maySeeOthersUseOf}); what they did themself, always.
 */
@Component
class AccessLog {

    static final int PAGE_SIZE = 20;
    /** How many records a page reads at most while skipping those a representative may not see. */
    private static final int MOST_READ = 2_000;

    /** One token: when, by which grant, to which client for which audience and scopes, who acted and how. */
    record Entry(Instant issuedAt, long id, String grantType, String clientId, String audience, Set<String> scopes,
                 String actingPid, String relation) {

        /** A SystemToken: the portal fetched or delivered the person's data while nobody was logged in. */
        boolean withoutLogin() {
            return actingPid == null;
        }

        Set<String> apiScopes() {
            Set<String> api = new LinkedHashSet<>(scopes);
            api.removeAll(OidcScopes.ALL);
            return api;
        }
    }

    /** Where a page starts: just older than the entry it names; {@link #NEWEST} for the first page. */
    record Cursor(Instant before, long id) {

        static final Cursor NEWEST = new Cursor(Instant.parse("9999-12-31T00:00:00Z"), Long.MAX_VALUE);
        private static final Pattern FORM = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

        /** The cursor a page's "older" link carries, or the newest for anything else. */
        static Cursor parse(String text) {
            Matcher m = text == null ? null : FORM.matcher(text);
            if (m == null || !m.matches()) {
                return NEWEST;
            }
            try {
                long micros = Long.parseLong(m.group(1));
                return new Cursor(Instant.EPOCH.plusSeconds(micros / 1_000_000).plusNanos(micros % 1_000_000 * 1_000),
                        Long.parseLong(m.group(2)));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return NEWEST;
            }
        }

        static Cursor after(Entry entry) {
            return new Cursor(entry.issuedAt(), entry.id());
        }

        @Override
        public String toString() {
            return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, before) + "-" + id;
        }
    }

    /** A page of the log, and where the next older page starts (none at the end). */
    record Page(List<Entry> entries, Optional<Cursor> older) {
    }

    private final JdbcClient jdbc;
    private final PidProtection pids;
    private final TransactionTemplate tx;

    AccessLog(JdbcClient jdbc, PidProtection pids, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.pids = pids;
        this.tx = tx;
    }

    /** The page of {@code reader}'s log acting as {@code context} that starts at {@code from}, its reading recorded. */
    Page read(String reader, Representation context, Cursor from) {
        String represented = context.represented().pid();
        byte[] reference = pids.reference(represented);
        return tx.execute(status -> {
            // One more than a page tells whether there is an older one.
            int limit = context.restrictsScopes() ? PAGE_SIZE * 5 : PAGE_SIZE + 1;
            List<Entry> shown = new ArrayList<>();
            Cursor next = from;
            boolean exhausted = false;
            for (int read = 0; shown.size() <= PAGE_SIZE && !exhausted && read < MOST_READ; ) {
                List<Entry> batch = batch(reference, next, limit);
                exhausted = batch.size() < limit;
                read += batch.size();
                for (int i = 0; i < batch.size() && shown.size() <= PAGE_SIZE; i++) {
                    Entry entry = batch.get(i);
                    next = Cursor.after(entry);
                    if (reader.equals(entry.actingPid()) || context.maySeeOthersUseOf(entry.apiScopes())) {
                        shown.add(entry);
                    }
                }
            }
            jdbc.sql("insert into token_audit_lookup (looked_up_by, pid_ref, records) values (?, ?, ?)")
                    .params(lookedUpBy(context), reference, Math.min(shown.size(), PAGE_SIZE)).update();
            if (shown.size() > PAGE_SIZE) {
                List<Entry> page = List.copyOf(shown.subList(0, PAGE_SIZE));
                return new Page(page, Optional.of(Cursor.after(page.get(PAGE_SIZE - 1))));
            }
            // A representative's page may end before the log does, when most of it is not theirs to see.
            return new Page(List.copyOf(shown), exhausted ? Optional.empty() : Optional.of(next));
        });
    }

    private List<Entry> batch(byte[] reference, Cursor from, int limit) {
        return jdbc.sql("""
                select issued_at, id, grant_type, client_id, audience, scopes, acting_enc, relation
                from token_audit
                where represented_ref = ? and (issued_at, id) < (?, ?)
                order by issued_at desc, id desc limit ?
                """).params(reference, Timestamp.from(from.before()), from.id(), limit)
                .query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), scopes(rs.getString(6)), pids.open(rs.getBytes(7)),
                        rs.getString(8)))
                .list();
    }

    private static Set<String> scopes(String scopes) {
        return scopes == null || scopes.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scopes.trim().split(" +")));
    }

    /** Who read, as the lookup record names them: the citizen, or one acting for them and how. */
    private static String lookedUpBy(Representation context) {
        return context.relation() == Relation.SELF ? "citizen (own access log)"
                : "representative (" + context.relation().claimValue() + ", access log)";
    }
}
