package no.portvakt.server.workers;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that serve HTTP requests: a few (one per core and one more, for a request waiting for PostgreSQL)
 * taking the waiting requests from one queue in the order they came. With a thread per waiting request, as
 * Tomcat's own pool has, the operating system shares the cores among all of them in no particular order (at 32
 * connections on 2 cores a token request's latency was a matter of luck), and every hand-over between them is a
 * context switch, dear on a virtual machine; a worker here that finishes a request takes the next one without
 * sleeping.
 *
 * <p>A worker blocked in I/O (a partner's {@code jwks_uri}, a slow statement) must not stop the rest: when requests
 * have waited {@code stallTimeout} and none was started meanwhile, one more worker is started, up to {@code max}.
 * An extra worker is retired again, one per {@value #HOLD_STALL_TIMEOUTS} stall timeouts, while requests start,
 * even if some always wait: under a steady load the queue is never empty, and extra workers kept for good (a pause
 * of the whole JVM looks like a stall too) only take turns on the cores, leaving requests half done meanwhile. Once
 * no request has waited for as long, every idle extra worker goes at once: after a long stall there may be a
 * hundred.
 */
public final class RequestWorkers extends ThreadPoolExecutor {

    private static final int HOLD_STALL_TIMEOUTS = 20;

    private final int workers;
    private final int max;
    private final long stallNanos;
    private final ScheduledExecutorService watchdog;
    private volatile long lastStarted = System.nanoTime();
    private long lastResized = System.nanoTime(); // the watchdog's own
    private long lastWaited = System.nanoTime(); // the watchdog's own

    public RequestWorkers(int workers, int max, Duration stallTimeout) {
        // The pool's maximum follows its core size, so a worker beyond it ends as soon as it looks for the next task.
        super(workers, workers, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("portvakt-worker-"));
        if (stallTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("portvakt.workers.stall-timeout must be at least 1 ms");
        }
        this.workers = workers;
        this.max = Math.max(workers, max);
        this.stallNanos = stallTimeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(threads("portvakt-worker-watchdog-"));
        long period = stallNanos / 2;
        watchdog.scheduleWithFixedDelay(this::relieveStall, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void beforeExecute(Thread worker, Runnable request) {
        lastStarted = System.nanoTime();
    }

    /**
     * One worker more while requests wait and none has started for the stall timeout; one fewer once they start;
     * none extra once nothing has waited for a while.
     */
    private void relieveStall() {
        int now = getCorePoolSize();
        long at = System.nanoTime();
        boolean waiting = !getQueue().isEmpty();
        if (waiting) {
            lastWaited = at;
        }
        boolean stalled = waiting && at - lastStarted >= stallNanos;
        long hold = HOLD_STALL_TIMEOUTS * stallNanos;
        // Idle extra workers only: one still stuck in I/O must find its place when it comes back.
        int needed = Math.max(workers, getActiveCount());
        if (!waiting && now > needed && at - lastWaited >= hold) {
            lastResized = at;
            setCorePoolSize(needed);
            setMaximumPoolSize(needed);
        } else if (stalled && now < max) {
            lastStarted = at; // the new worker gets a stall timeout of its own to start one
            lastResized = at;
            setMaximumPoolSize(now + 1);
            setCorePoolSize(now + 1);
        } else if (!stalled && now > workers && at - lastResized >= hold) {
            lastResized = at;
            setCorePoolSize(now - 1);
            setMaximumPoolSize(now - 1);
        }
    }

    @Override
    protected void terminated() {
        watchdog.shutdownNow();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
