package no.portvakt.server.turns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Turns go to the waiting requests in the order they came, and a stuck holder never stops the others for long. */
class TurnTakingTest {

    @Test
    void freedTurnsGoToTheWaitersInTheOrderTheyCame() throws Exception {
        TurnTaking turns = new TurnTaking(1, TimeUnit.SECONDS.toNanos(30));
        assertThat(turns.take()).isTrue();
        List<Integer> served = new CopyOnWriteArrayList<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread waiter = waiter(turns, i, served);
            waiters.add(waiter);
            waiter.start();
            awaitParked(waiter);
        }
        turns.give();
        for (Thread waiter : waiters) {
            waiter.join(10_000);
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void whenNoTurnIsHandedOverForTheStallTimeoutAWaiterGoesAheadWithoutOne() throws Exception {
        TurnTaking turns = new TurnTaking(1, TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(turns.take()).isTrue(); // and never given back: a holder stuck in I/O
        long started = System.nanoTime();
        assertThat(turns.take()).isFalse();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(waitedMillis).isBetween(50L, 5_000L);
        // Going ahead took no turn, so when the holder gives its turn back, one is free again.
        turns.give();
        assertThat(turns.take()).isTrue();
    }

    private static Thread waiter(TurnTaking turns, int n, List<Integer> served) {
        return new Thread(() -> {
            if (turns.take()) {
                served.add(n);
                turns.give();
            }
        });
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        for (int i = 0; i < 1_000 && thread.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }
}
