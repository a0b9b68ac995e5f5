package no.portvakt.pvk.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox as operators see it: the backlog, failures and dead letters per subscriber, the messages, and
 * redelivery of dead letters (one, or all of a subscriber's).
 */
@Service
public class Deliveries {

    /** One message as operators see it (no citizen's number: the admin API shows it only where asked for). */
    public record Delivery(UUID messageId, String subscriptionId, String pid, UUID definitionGuid, long sequence,
                           String state, int attempts, String lastError, Instant createdAt, Instant nextAttemptAt,
                           Instant deliveredAt, Instant deadAt) {
    }

    /** That {@code partnerName} received change {@code changeId} at {@code receivedAt}, or is still to (null). */
    public record Told(long changeId, String partnerName, Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per subscriber: messages waiting (due, resting after a failure, or held behind an earlier one of their key),
     * failing (waiting after at least one failed attempt), dead letters, received in the last hour, the oldest
     * waiting message's creation, until when the subscriber rests, and its latest error.
     */
    public List<Map<String, Object>> backlog() {
        return jdbc.sql("""
                select s.id, s.partner_id, s.delivery_url, s.resting_until,
                       count(*) filter (where d.state = 'pending') as waiting,
                       count(*) filter (where d.state = 'pending' and d.last_error is not null) as failing,
                       count(*) filter (where d.state = 'dead') as dead,
                       count(*) filter (where d.state = 'delivered' and d.delivered_at > now() - interval '1 hour')
                           as received_last_hour,
                       min(d.created_at) filter (where d.state = 'pending') as oldest_waiting,
                       (select e.last_error from pvk_delivery e where e.subscription_id = s.id
                          and e.last_error is not null order by e.last_attempt_at desc nulls last limit 1) as last_error
                from pvk_subscription s left join pvk_delivery d on d.subscription_id = s.id
                group by s.id order by s.id
                """).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("subscription", rs.getString("id"));
                    row.put("partner", rs.getString("partner_id"));
                    row.put("delivery_url", rs.getString("delivery_url"));
                    row.put("waiting", rs.getLong("waiting"));
                    row.put("failing", rs.getLong("failing"));
                    row.put("dead", rs.getLong("dead"));
                    row.put("received_last_hour", rs.getLong("received_last_hour"));
                    row.put("oldest_waiting", instant(rs, "oldest_waiting"));
                    row.put("resting_until", instant(rs, "resting_until"));
                    row.put("last_error", rs.getString("last_error"));
                    return row;
                }).list();
    }

    /** A subscriber's messages in {@code state} (pending, delivered or dead), oldest first, at most {@code limit}. */
    public List<Delivery> messages(String subscriptionId, String state, int limit) {
        return jdbc.sql("""
                select * from pvk_delivery where subscription_id = ? and state = ? order by id limit ?
                """).params(subscriptionId, state, limit).query(Deliveries::delivery).list();
    }

    public java.util.Optional<Delivery> message(UUID messageId) {
        return jdbc.sql("select * from pvk_delivery where message_id = ?").param(messageId)
                .query(Deliveries::delivery).optional();
    }

    /** Which partners were told of each change of a citizen's setting, and when; those still to be told too. */
    public List<Told> told(String pid, UUID definitionGuid) {
        return jdbc.sql("""
                select r.change_id, p.name, r.received_at
                from pvk_setting_change c
                join pvk_receipt r on r.change_id = c.id
                join pvk_subscription s on s.id = r.subscription_id join partner p on p.id = s.partner_id
                where c.pid = :pid and c.definition_guid = :guid
                union all
                select d.change_id, p.name, null
                from pvk_delivery d
                join pvk_subscription s on s.id = d.subscription_id join partner p on p.id = s.partner_id
                where d.pid = :pid and d.definition_guid = :guid and d.state <> 'delivered'
                order by 1 desc, 2
                """).param("pid", pid).param("guid", definitionGuid)
                .query((rs, n) -> new Told(rs.getLong(1), rs.getString(2), instant(rs, "received_at"))).list();
    }

    /** Sends a dead letter again: due now, its age counted afresh. False if it is not a dead letter. */
    @Transactional
    public boolean redeliver(UUID messageId) {
        String subscription = jdbc.sql("""
                update pvk_delivery set state = 'pending', dead_at = null, next_attempt_at = now(), due_since = now()
                where message_id = ? and state = 'dead' returning subscription_id
                """).param(messageId).query(String.class).optional().orElse(null);
        if (subscription == null) {
            return false;
        }
        endRest(subscription);
        return true;
    }

    /** Sends every dead letter of the subscriber again and ends its rest; how many there were. */
    @Transactional
    public int redeliverAll(String subscriptionId) {
        int count = jdbc.sql("""
                update pvk_delivery set state = 'pending', dead_at = null, next_attempt_at = now(), due_since = now()
                where subscription_id = ? and state = 'dead'
                """).param(subscriptionId).update();
        endRest(subscriptionId);
        return count;
    }

    private void endRest(String subscriptionId) {
        jdbc.sql("update pvk_subscription set resting_until = null where id = ?").param(subscriptionId).update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("message_id", UUID.class), rs.getString("subscription_id"),
                rs.getString("pid"), rs.getObject("definition_guid", UUID.class), rs.getLong("sequence"),
                rs.getString("state"), rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "next_attempt_at"), instant(rs, "delivered_at"), instant(rs, "dead_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
