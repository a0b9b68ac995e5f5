package no.portvakt.server.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting requests are served in the order they came, and a worker stuck in I/O never stops the others for long. */
class RequestWorkersTest {

    private final CountDownLatch stuck = new CountDownLatch(1);
    private RequestWorkers workers;

    @AfterEach
    void release() throws InterruptedException {
        stuck.countDown();
        if (workers != null) {
            workers.shutdown();
            assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void waitingRequestsAreServedInTheOrderTheyCame() throws Exception {
        workers = new RequestWorkers(1, 1, Duration.ofSeconds(30));
        CountDownLatch busy = new CountDownLatch(1);
        workers.execute(() -> await(busy));
        List<Integer> served = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            int n = i;
            workers.execute(() -> {
                served.add(n);
                all.countDown();
            });
        }
        busy.countDown();
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aStuckWorkerGetsAnotherStartedAfterTheStallTimeoutWhichEndsWhenNoneWaits() throws Exception {
        workers = new RequestWorkers(1, 4, Duration.ofMillis(50));
        long queued = System.nanoTime(); // before the stuck one starts: the stall is counted from its start
        workers.execute(() -> await(stuck)); // a worker stuck in I/O
        CountDownLatch served = new CountDownLatch(1);
        workers.execute(served::countDown);
        assertThat(served.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued)).isGreaterThanOrEqualTo(50);
        assertThat(workers.getPoolSize()).isEqualTo(2);
        // Nothing waits any more: the extra worker is not kept as a regular one.
        for (int i = 0; i < 500 && workers.getCorePoolSize() > 1; i++) {
            Thread.sleep(10);
        }
        assertThat(workers.getCorePoolSize()).isEqualTo(1);
    }

    @Test
    void anExtraWorkerIsRetiredOnceRequestsStartAgainThoughSomeAlwaysWait() throws Exception {
        workers = new RequestWorkers(1, 3, Duration.ofMillis(20));
        workers.execute(() -> await(stuck));
        AtomicBoolean load = new AtomicBoolean(true);
        Runnable request = new Runnable() {
            @Override
            public void run() {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (load.get()) {
                    workers.execute(this); // a steady load: four requests in flight, three of them waiting
                }
            }
        };
        for (int i = 0; i < 4; i++) {
            workers.execute(request);
        }
        assertThat(poolSizeWithin(2, Duration.ofSeconds(2))).isEqualTo(2);
        stuck.countDown(); // the stall is over; requests keep waiting their turn
        assertThat(poolSizeWithin(1, Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(workers.getQueue()).isNotEmpty();
        load.set(false);
    }

    @Test
    void afterALongStallEveryExtraWorkerGoesOnceNothingWaits() throws Exception {
        workers = new RequestWorkers(1, 60, Duration.ofMillis(20));
        for (int i = 0; i < 40; i++) {
            workers.execute(() -> await(stuck)); // forty requests stuck in I/O, one after the other
        }
        assertThat(poolSizeWithin(40, Duration.ofSeconds(10))).isEqualTo(40);
        stuck.countDown(); // the stall is over, and the load with it
        // One extra worker retired per 20 stall timeouts would take 16 s; nothing waits, so they all go.
        assertThat(poolSizeWithin(1, Duration.ofSeconds(3))).isEqualTo(1);
    }

    private int poolSizeWithin(int expected, Duration time) throws InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        while (workers.getPoolSize() != expected && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return workers.getPoolSize();
    }

    @Test
    void workersNeverGrowBeyondTheirMaximum() throws Exception {
        workers = new RequestWorkers(1, 2, Duration.ofMillis(20));
        workers.execute(() -> await(stuck));
        workers.execute(() -> await(stuck));
        CountDownLatch served = new CountDownLatch(1);
        workers.execute(served::countDown);
        assertThat(served.await(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(workers.getPoolSize()).isEqualTo(2);
        stuck.countDown();
        assertThat(served.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStallTimeoutBelowOneMillisecondIsRefused() {
        // The watchdog looks every half stall timeout: zero would keep a core busy.
        assertThatThrownBy(() -> new RequestWorkers(1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stall-timeout");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
