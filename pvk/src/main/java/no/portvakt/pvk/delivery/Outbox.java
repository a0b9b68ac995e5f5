package no.portvakt.pvk.delivery;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.PvkProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of replication messages (table {@code pvk_delivery}), shared by the delivery workers of every
 * instance. Each statement stands alone: no transaction is held while a subscriber answers.
 * <ul>
 *   <li>A message is taken with a lease ({@code for update skip locked}; its {@code next_attempt_at} moves to the
 *       lease's end): a worker that dies mid-delivery leaves it to be taken again when the lease ends.</li>
 *   <li>The order rule: a message is not taken while an earlier one of its key (subscriber, citizen, definition)
 *       is not received, and a dead letter holds its key's later messages until an operator redelivers it. So one
 *       key has at most one message in flight, and a batch may be sent all at once.</li>
 *   <li>Taking a message counts the attempt; its outcome is recorded only by the holder of that attempt.</li>
 * </ul>
 */
@Repository
class Outbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PvkProperties.Delivery settings;
    private final Backoff backoff;

    Outbox(JdbcClient jdbc, TransactionTemplate tx, PvkProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = properties.delivery();
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap());
    }

    /** Takes up to {@code limit} due messages for this worker, for the lease's length. */
    List<Message> take(int limit) {
        return withoutWaitingForTheDisk(() -> jdbc.sql("""
                with taken as (
                    select d.id from pvk_delivery d
                    join pvk_subscription s on s.id = d.subscription_id
                    where d.state = 'pending' and d.next_attempt_at <= now()
                      and (s.resting_until is null or s.resting_until <= now())
                      and not exists (select 1 from pvk_delivery e
                                      where e.subscription_id = d.subscription_id and e.pid = d.pid
                                        and e.definition_guid = d.definition_guid and e.sequence < d.sequence
                                        and e.state <> 'delivered')
                    order by d.next_attempt_at, d.id
                    limit :limit
                    for update of d skip locked)
                update pvk_delivery d
                set attempts = d.attempts + 1, last_attempt_at = now(),
                    next_attempt_at = now() + make_interval(secs => :lease)
                from taken t, pvk_setting_change c, pvk_definition def, pvk_subscription s
                where d.id = t.id and c.id = d.change_id and def.guid = d.definition_guid and s.id = d.subscription_id
                returning d.id, d.attempts, d.message_id, d.subscription_id, s.resource, s.scope,
                          s.delivery_url, d.pid, d.definition_guid, def.name_nb, def.partner_id, def.type_pi,
                          c.active, c.changed_at, d.sequence
                """).param("limit", limit).param("lease", settings.lease().toMillis() / 1000.0)
                .query(Outbox::message).list());
    }

    /** Records how the attempts went: the received ones in one statement, the others one by one. */
    void record(List<Message> messages, List<Outcome> outcomes) {
        withoutWaitingForTheDisk(() -> {
            recordEach(messages, outcomes);
            return null;
        });
    }

    /**
     * The worker's own statements commit without waiting for the disk ({@code synchronous_commit} off, in their
     * transaction only). What a crash can lose of them is a lease or a receipt: the message is then sent again,
     * which at-least-once allows. The change and its outbox rows are written by the change's own transaction,
     * which waits as usual. Under load this spares a disk flush per batch, twice.
     */
    private <T> T withoutWaitingForTheDisk(java.util.function.Supplier<T> work) {
        return tx.execute(status -> {
            jdbc.sql("set local synchronous_commit = off").update();
            return work.get();
        });
    }

    private void recordEach(List<Message> messages, List<Outcome> outcomes) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Outcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case RECEIVED -> received.add(messages.get(i));
                case REFUSED -> dead(messages.get(i), outcome.error());
                case RETRY -> retry(messages.get(i), outcome);
            }
        }
        if (!received.isEmpty()) {
            jdbc.sql("""
                    with received as (
                        update pvk_delivery d set state = 'delivered', delivered_at = now(), last_error = null
                        from unnest(?::bigint[], ?::int[]) as r(id, attempt)
                        where d.id = r.id and d.attempts = r.attempt and d.state = 'pending'
                        returning d.change_id, d.subscription_id)
                    insert into pvk_receipt (change_id, subscription_id, received_at)
                    select change_id, subscription_id, now() from received on conflict do nothing
                    """).params(received.stream().map(Message::id).toArray(Long[]::new),
                            received.stream().map(Message::attempt).toArray(Integer[]::new)).update();
        }
    }

    /**
     * Waits as the subscriber asked ({@code Retry-After}, at most a day) or by the back-off; a message that has
     * failed for longer than {@code max-age} since it became due is a dead letter instead.
     */
    private void retry(Message m, Outcome outcome) {
        Duration wait = outcome.retryAfter() != null ? min(outcome.retryAfter(), Duration.ofDays(1))
                : backoff.after(m.attempt());
        String state = jdbc.sql("""
                update pvk_delivery set
                    state = case when now() - due_since > make_interval(secs => :maxAge) then 'dead' else 'pending' end,
                    dead_at = case when now() - due_since > make_interval(secs => :maxAge) then now() end,
                    last_error = :error, next_attempt_at = now() + make_interval(secs => :wait)
                where id = :id and attempts = :attempt and state = 'pending'
                returning state
                """).param("maxAge", (double) settings.maxAge().toSeconds()).param("error", outcome.error())
                .param("wait", wait.toMillis() / 1000.0).param("id", m.id()).param("attempt", m.attempt())
                .query(String.class).optional().orElse("");
        if (state.equals("pending")) {
            // The subscriber (or the way to it) is failing: its other messages rest with this one.
            jdbc.sql("""
                    update pvk_subscription
                    set resting_until = greatest(coalesce(resting_until, now()), now() + make_interval(secs => ?))
                    where id = ?
                    """).params(wait.toMillis() / 1000.0, m.subscriptionId()).update();
        }
    }

    private void dead(Message m, String error) {
        jdbc.sql("""
                update pvk_delivery set state = 'dead', dead_at = now(), last_error = ?
                where id = ? and attempts = ? and state = 'pending'
                """).params(error, m.id(), m.attempt()).update();
    }

    /** Deletes up to one batch of messages received longer ago than the retention; true if it was a full one. */
    boolean cleanUp() {
        return settings.cleanupBatchSize() == jdbc.sql("""
                delete from pvk_delivery where id in (
                    select id from pvk_delivery where state = 'delivered'
                      and delivered_at < now() - make_interval(secs => ?)
                    limit ?)
                """).params(settings.retention().toSeconds() * 1.0, settings.cleanupBatchSize()).update();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getLong(1), rs.getInt(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), URI.create(rs.getString(7)), rs.getString(8),
                rs.getObject(9, UUID.class), rs.getString(10), rs.getString(11),
                PiType.of(rs.getString(12)).orElseThrow(), rs.getBoolean(13), rs.getTimestamp(14).toInstant(),
                rs.getLong(15));
    }
}
