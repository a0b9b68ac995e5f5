package no.portvakt.server.consent;

import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Citizens' consents to API scopes, per acting citizen, per person represented (themself for "myself"), per
 * client; and which authorizations were issued under each, so withdrawing a consent can remove them.
 */
@Repository
public class ConsentStore {

    /** One consent, as the "my consents" page lists it. */
    public record Consent(String actingPid, String representedPid, String clientId, Set<String> scopes,
                          Instant grantedAt) {
    }

    private final JdbcClient jdbc;

    public ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scopes approved; empty when there is no consent (approving none is a consent with no scopes). */
    public Optional<Set<String>> approved(String actingPid, String representedPid, String clientId) {
        return jdbc.sql("""
                select scopes from citizen_consent where acting_pid = ? and represented_pid = ? and client_id = ?
                """).params(actingPid, representedPid, clientId)
                .query((rs, n) -> scopes(rs.getArray(1))).optional();
    }

    public void save(String actingPid, String representedPid, String clientId, Set<String> scopes) {
        jdbc.sql("""
                insert into citizen_consent (acting_pid, represented_pid, client_id, scopes) values (?, ?, ?, ?)
                on conflict (acting_pid, represented_pid, client_id)
                do update set scopes = excluded.scopes, granted_at = now()
                """).params(actingPid, representedPid, clientId, scopes.toArray(String[]::new)).update();
    }

    /** Every consent the citizen has given, for themself and for everyone they act for. */
    public List<Consent> givenBy(String actingPid) {
        return jdbc.sql("""
                select acting_pid, represented_pid, client_id, scopes, granted_at from citizen_consent
                where acting_pid = ? and cardinality(scopes) > 0 order by granted_at desc
                """).param(actingPid)
                .query((rs, n) -> new Consent(rs.getString(1), rs.getString(2), rs.getString(3),
                        scopes(rs.getArray(4)), rs.getTimestamp(5).toInstant())).list();
    }

    /** Remembers that {@code authorizationId} holds scopes of this consent. */
    public void link(String actingPid, String representedPid, String clientId, String authorizationId) {
        jdbc.sql("""
                insert into consent_authorization (acting_pid, represented_pid, client_id, authorization_id)
                values (?, ?, ?, ?) on conflict (authorization_id) do nothing
                """).params(actingPid, representedPid, clientId, authorizationId).update();
    }

    /** Deletes the consent; answers the authorizations issued under it, for the caller to remove. */
    @Transactional
    public List<String> withdraw(String actingPid, String representedPid, String clientId) {
        jdbc.sql("delete from citizen_consent where acting_pid = ? and represented_pid = ? and client_id = ?")
                .params(actingPid, representedPid, clientId).update();
        return jdbc.sql("""
                delete from consent_authorization where acting_pid = ? and represented_pid = ? and client_id = ?
                returning authorization_id
                """).params(actingPid, representedPid, clientId).query(String.class).list();
    }

    private static Set<String> scopes(Array array) throws java.sql.SQLException {
        return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
