package no.portvakt.server.groupcommit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Statements the token endpoint must have run before it answers (rows it must have stored, checks it must have
 * made), run by one thread in batches: a request hands its item over and waits only until the batch holding it
 * has run, so concurrent requests share one statement, one round trip and one commit instead of paying for
 * their own. Batches start at most once per {@code interval}: under load a batch takes what came in that time
 * (without it, a writer as fast as the requests ran nearly every item alone, a statement and a wake-up each),
 * while an item that finds the writer idle since longer is run at once.
 *
 * <p>Every item has a {@link Deadline}: one still queued when it passes is refused without being run, and a batch's
 * statement is cancelled when the earliest deadline among its items passes. So a request learns what happened to
 * its item by then (give or take a connection's acquisition), and never after it has answered.
 *
 * <p>Metrics, by {@code writer} (docs/operations.md): {@code portvakt.group.commit.wait} from an item's submission
 * to its batch's outcome, {@code portvakt.group.commit.batch} (items per batch), {@code portvakt.group.commit.refused}
 * by {@code reason} ({@code deadline}, {@code failed}, {@code full}), and the items queued.
 *
 * @param <T> what a request hands over
 * @param <R> what it learns once its batch has run
 */
public abstract class GroupCommit<T, R> implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final String name;
    private final int maxBatch;
    private final long intervalNanos;
    private final Duration budget;
    private final BlockingQueue<Pending<T, R>> queue;
    private volatile Thread writer;
    private volatile Meters meters;

    private record Pending<T, R>(T item, Deadline deadline, long submitted, CompletableFuture<R> result) {
    }

    /** This writer's meters in {@code registry}; in none until the application's registry binds them. */
    private record Meters(Timer waits, DistributionSummary batch, Counter deadline, Counter failed, Counter full) {

        static Meters in(MeterRegistry registry, String writer) {
            return new Meters(Timer.builder("portvakt.group.commit.wait").tag("writer", writer).register(registry),
                    DistributionSummary.builder("portvakt.group.commit.batch").tag("writer", writer)
                            .register(registry),
                    refused(registry, writer, "deadline"), refused(registry, writer, "failed"),
                    refused(registry, writer, "full"));
        }

        private static Counter refused(MeterRegistry registry, String writer, String reason) {
            return Counter.builder("portvakt.group.commit.refused").tags("writer", writer, "reason", reason)
                    .register(registry);
        }
    }

    protected GroupCommit(String name, int maxBatch, int capacity, GroupCommitProperties properties) {
        if (properties.interval().isNegative() || properties.deadline().isNegative() || properties.deadline().isZero()) {
            throw new IllegalArgumentException(name + ": the interval between batches cannot be negative, and "
                    + "the deadline must be positive");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.intervalNanos = properties.interval().toNanos();
        this.budget = properties.deadline();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.meters = Meters.in(new CompositeMeterRegistry(), name);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters = Meters.in(registry, name);
        Gauge.builder("portvakt.group.commit.queued", queue, BlockingQueue::size).tag("writer", name)
                .register(registry);
    }

    /**
     * Runs the batch in one statement (or one transaction) made with {@link Deadline#statement}, so that it ends
     * by {@code deadline}, the earliest of its items'; returns one result per item, in the same order.
     */
    protected abstract List<R> run(List<T> items, Deadline deadline);

    /** Queues the item, to be run within the configured deadline from now. */
    public CompletableFuture<R> submit(T item) {
        return submit(item, Deadline.in(budget));
    }

    /**
     * Queues the item, to be run by {@code deadline} or not at all (nor later than the configured deadline from
     * now); the future completes once its batch has run, or fails when it cannot, or when the deadline passes
     * before it is run ({@link TimeoutException}).
     */
    public CompletableFuture<R> submit(T item, Deadline deadline) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (writer == null || !queue.offer(new Pending<>(item, deadline.earlier(Deadline.in(budget)),
                System.nanoTime(), result))) {
            meters.full().increment();
            result.completeExceptionally(new IllegalStateException(name + " is not accepting work"));
        }
        return result;
    }

    private void writeLoop() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        long lastStart = System.nanoTime() - intervalNanos;
        while (writer != null || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long early = lastStart + intervalNanos - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early); // the items arriving meanwhile join this batch
                }
                lastStart = System.nanoTime();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                complete(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void complete(List<Pending<T, R>> queued) {
        List<Pending<T, R>> batch = new ArrayList<>(queued.size());
        Deadline earliest = null;
        for (Pending<T, R> pending : queued) {
            if (pending.deadline().passed()) {
                meters.deadline().increment();
                waited(pending);
                pending.result().completeExceptionally(new TimeoutException(name + ": not run before its deadline"));
            } else {
                batch.add(pending);
                earliest = earliest == null ? pending.deadline() : earliest.earlier(pending.deadline());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        meters.batch().record(batch.size());
        try {
            List<R> results = run(batch.stream().map(Pending::item).toList(), earliest);
            for (int i = 0; i < batch.size(); i++) {
                waited(batch.get(i));
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            log.error("{}: could not run a batch of {}; the requests waiting for it are refused", name,
                    batch.size(), e);
            meters.failed().increment(batch.size());
            batch.forEach(p -> {
                waited(p);
                p.result().completeExceptionally(e);
            });
        }
    }

    private void waited(Pending<T, R> pending) {
        meters.waits().record(System.nanoTime() - pending.submitted(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::writeLoop, name);
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Stops taking items, and runs the ones already queued before the application closes. */
    @Override
    public void stop() {
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }
}
