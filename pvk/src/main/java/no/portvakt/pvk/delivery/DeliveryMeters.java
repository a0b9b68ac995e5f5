package no.portvakt.pvk.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Replication as an operator watches it (docs/operations.md): the messages waiting to be received, the dead
 * letters waiting for an operator, how long the oldest waiting message has been due (read from the outbox when
 * the metrics are read, through the indexes on undelivered rows), and each delivery attempt's outcome.
 */
@Component
class DeliveryMeters {

    private final Map<Outcome.Kind, Counter> outcomes = new EnumMap<>(Outcome.Kind.class);

    DeliveryMeters(JdbcClient jdbc, MeterRegistry registry) {
        Gauge.builder("portvakt.pvk.deliveries.pending", jdbc, j -> count(j, "pending"))
                .description("PVK messages not yet received by their subscriber").register(registry);
        Gauge.builder("portvakt.pvk.deliveries.dead", jdbc, j -> count(j, "dead"))
                .description("PVK dead letters, waiting for an operator to redeliver them").register(registry);
        TimeGauge.builder("portvakt.pvk.deliveries.oldest.pending", jdbc, TimeUnit.SECONDS, DeliveryMeters::oldest)
                .description("how long the oldest PVK message not yet received has been due").register(registry);
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            outcomes.put(kind, Counter.builder("portvakt.pvk.deliveries")
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /** Counts the outcomes of one batch's attempts. */
    void attempted(List<Outcome> batch) {
        batch.forEach(outcome -> outcomes.get(outcome.kind()).increment());
    }

    private static double count(JdbcClient jdbc, String state) {
        return jdbc.sql("select count(*) from pvk_delivery where state <> 'delivered' and state = ?").param(state)
                .query(Long.class).single();
    }

    private static double oldest(JdbcClient jdbc) {
        return jdbc.sql("""
                select coalesce(extract(epoch from now() - min(due_since)), 0) from pvk_delivery
                where state <> 'delivered' and state = 'pending'
                """).query(Double.class).single();
    }
}
