package no.portvakt.pvk.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import no.portvakt.pvk.PvkProperties;
import no.portvakt.pvk.settings.PrivacySettingChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * This instance's delivery of replication messages: one thread that takes due messages from the outbox, sends a
 * batch at once through the channels (at most {@code max-in-flight} at a time), records the outcomes, and goes on
 * while there is more; then it sleeps for {@code interval}, or until a change committed here wakes it. Every
 * instance runs one; the outbox's leases keep them apart.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(10);

    private final Outbox outbox;
    private final DeliveryMeters meters;
    private final List<DeliveryChannel> channels;
    private final PvkProperties.Delivery settings;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Semaphore inFlight;
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean failing;

    DeliveryWorker(Outbox outbox, DeliveryMeters meters, List<DeliveryChannel> channels, PvkProperties properties) {
        this.outbox = outbox;
        this.meters = meters;
        this.channels = List.copyOf(channels);
        this.settings = properties.delivery();
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /** A change was committed here: deliver it now rather than at the next interval. */
    @TransactionalEventListener
    void changed(PrivacySettingChanged event) {
        wakeUp.release();
    }

    /** Delivers what is due until nothing is; the number of messages attempted. */
    int deliverDue() {
        int attempted = 0;
        List<Message> batch;
        do {
            batch = outbox.take(settings.batchSize());
            List<Outcome> outcomes = send(batch);
            outbox.record(batch, outcomes);
            meters.attempted(outcomes);
            attempted += batch.size();
        } while (batch.size() == settings.batchSize() && !stopping);
        return attempted;
    }

    private List<Outcome> send(List<Message> batch) {
        List<CompletableFuture<Outcome>> pending = new ArrayList<>(batch.size());
        for (Message message : batch) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<Outcome> outcome = channelFor(message)
                    .map(channel -> channel.deliver(message))
                    .orElseGet(() -> CompletableFuture.completedFuture(
                            Outcome.refused("no channel delivers to " + message.deliveryUrl().getScheme())));
            outcome.whenComplete((o, e) -> inFlight.release());
            pending.add(outcome);
        }
        // Every channel completes within its timeouts; join() cannot wait longer than that.
        return pending.stream().map(f -> f.exceptionally(e -> Outcome.retry(e.getClass().getSimpleName(), null)))
                .map(CompletableFuture::join).toList();
    }

    private java.util.Optional<DeliveryChannel> channelFor(Message message) {
        return channels.stream().filter(c -> c.handles(message)).findFirst();
    }

    private void run() {
        while (thread != null) {
            try {
                deliverDue();
                if (failing) {
                    log.info("PVK delivery works again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                // PostgreSQL down or locked: say so once, and try again at the next interval.
                if (!failing) {
                    log.warn("PVK delivery cannot reach its outbox: {}", e.getMessage());
                    failing = true;
                }
            }
            try {
                if (wakeUp.tryAcquire(settings.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                    // Woken by a change: what commits in the next moment goes in the same batch, so a steady
                    // stream of changes costs a take and a record per batch, not per change.
                    Thread.sleep(settings.gather().toMillis());
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        stopping = false;
        Thread worker = new Thread(this::run, "pvk-delivery");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    @Override
    public void stop() {
        Thread worker = thread;
        stopping = true;
        thread = null;
        if (worker == null) {
            return;
        }
        // The batch in hand is finished and recorded (usually within a second), so its messages are not left
        // under a lease that would hold their keys back for minutes; only a batch stuck longer is cut short.
        wakeUp.release();
        try {
            worker.join(STOP_WAIT.toMillis());
            if (worker.isAlive()) {
                worker.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
