package no.portvakt.pvk.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.portvakt.pvk.ChangedBy;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.Setting;
import no.portvakt.pvk.SettingChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Citizens' settings and their history in PostgreSQL, and the outbox: {@link #record} writes a change, the
 * setting it leaves, and one delivery row for every subscriber of the definition, all in the caller's
 * transaction, so a change is stored with its deliveries or not at all.
 */
@Repository
class SettingStore {

    private final JdbcClient jdbc;

    SettingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The setting, or the definition's default (version 0) when it was never changed. */
    Setting setting(String pid, Definition definition) {
        return jdbc.sql("select active, version, changed_at from pvk_setting where pid = ? and definition_guid = ?")
                .params(pid, definition.guid())
                .query((rs, n) -> new Setting(pid, definition, rs.getBoolean(1), rs.getLong(2), instant(rs, 3)))
                .optional()
                .orElseGet(() -> new Setting(pid, definition, definition.defaultActive(), 0, null));
    }

    /**
     * Records that {@code pid}'s setting for {@code definition} becomes {@code active}. Must run in a
     * transaction. Empty when it already is (nothing is stored, nobody is told).
     */
    Optional<SettingChange> record(String pid, Definition definition, boolean active, ChangedBy by) {
        // The row is locked for the rest of the transaction: changes of one setting take turns, and each gets the
        // next version. A first change inserts it; two first changes at once: the second waits, then updates.
        jdbc.sql("""
                insert into pvk_setting (pid, definition_guid, active, version, changed_at)
                values (?, ?, ?, 0, now()) on conflict do nothing
                """).params(pid, definition.guid(), definition.defaultActive()).update();
        record Current(boolean active, long version) {
        }
        Current current = jdbc.sql("""
                select active, version from pvk_setting where pid = ? and definition_guid = ? for update
                """).params(pid, definition.guid())
                .query((rs, n) -> new Current(rs.getBoolean(1), rs.getLong(2))).single();
        if (current.active() == active) {
            return Optional.empty();
        }
        long version = current.version() + 1;
        Instant now = jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
        jdbc.sql("update pvk_setting set active = ?, version = ?, changed_at = ? where pid = ? and definition_guid = ?")
                .params(active, version, Timestamp.from(now), pid, definition.guid()).update();
        long changeId = jdbc.sql("""
                insert into pvk_setting_change (pid, definition_guid, version, active, previous_active, actor_pid,
                    relation, channel, actor_client_id, changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                """).params(pid, definition.guid(), version, active, current.active(), by.actorPid(), by.relation(),
                        by.channel().value(), by.clientId(), Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("""
                insert into pvk_delivery (message_id, subscription_id, change_id, pid, definition_guid, sequence)
                select gen_random_uuid(), subscription_id, ?, ?, ?, ?
                from pvk_subscription_definition where definition_guid = ?
                """).params(changeId, pid, definition.guid(), version, definition.guid()).update();
        return Optional.of(new SettingChange(changeId, pid, definition.guid(), version, active, current.active(), by,
                now));
    }

    /**
     * The citizens with an active recorded setting for the definition, in order of their number, after
     * {@code afterPid} (null: from the start), at most {@code limit}.
     */
    List<String> activeCitizens(UUID definitionGuid, String afterPid, int limit) {
        return jdbc.sql("""
                select pid from pvk_setting where definition_guid = ? and active and version > 0 and pid > ?
                order by pid limit ?
                """).params(definitionGuid, afterPid == null ? "" : afterPid, limit).query(String.class).list();
    }

    /** The setting's changes, newest first. */
    List<SettingChange> history(String pid, UUID definitionGuid) {
        return jdbc.sql("""
                select * from pvk_setting_change where pid = ? and definition_guid = ? order by version desc
                """).params(pid, definitionGuid).query(SettingStore::change).list();
    }

    private static SettingChange change(ResultSet rs, int row) throws SQLException {
        ChangedBy by = new ChangedBy(rs.getString("actor_pid"), rs.getString("relation"),
                rs.getString("actor_client_id"), Channel.of(rs.getString("channel")));
        return new SettingChange(rs.getLong("id"), rs.getString("pid"), rs.getObject("definition_guid", UUID.class),
                rs.getLong("version"), rs.getBoolean("active"), rs.getBoolean("previous_active"), by,
                instant(rs, "changed_at"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
