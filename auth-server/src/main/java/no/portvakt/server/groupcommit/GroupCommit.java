package no.portvakt.server.groupcommit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * @param <T> what a request hands over
 * @param <R> what it learns once its batch has run
 */
public abstract class GroupCommit<T, R> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final String name;
    private final int maxBatch;
    private final long intervalNanos;
    private final BlockingQueue<Pending<T, R>> queue;
    private volatile Thread writer;

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    protected GroupCommit(String name, int maxBatch, int capacity, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException(name + ": the interval between batches cannot be negative");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Runs the batch in one statement (or one transaction); returns one result per item, in the same order. */
    protected abstract List<R> run(List<T> items);

    /** Queues the item; the future completes once its batch has run, or fails when it cannot. */
    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (writer == null || !queue.offer(new Pending<>(item, result))) {
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

    private void complete(List<Pending<T, R>> batch) {
        try {
            List<R> results = run(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            log.error("{}: could not run a batch of {}; the requests waiting for it are refused", name,
                    batch.size(), e);
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
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
