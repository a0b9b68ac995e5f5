package no.portvakt.server.turns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Turns go to the request that arrived first, and a stuck holder never stops the others for long. */
class TurnTakingTest {

    @Test
    void aFreedTurnGoesToTheOldestWaiterNotToTheOneThatAskedFirst() throws Exception {
        TurnTaking turns = new TurnTaking(1, TimeUnit.SECONDS.toNanos(30));
        assertThat(turns.take(0)).isTrue();
        List<Long> served = new CopyOnWriteArrayList<>();
        // They queue up youngest first; a returning request (an older arrival) must still go ahead of them.
        long now = System.nanoTime();
        List<Thread> waiters = List.of(waiter(turns, now + 300, served), waiter(turns, now + 200, served),
                waiter(turns, now + 100, served), waiter(turns, now - 1_000, served));
        for (Thread waiter : waiters) {
            waiter.start();
            awaitParked(waiter);
        }
        turns.give();
        for (Thread waiter : waiters) {
            waiter.join(10_000);
        }
        assertThat(served).containsExactly(now - 1_000, now + 100, now + 200, now + 300);
    }

    @Test
    void whenNoTurnIsHandedOverForTheStallTimeoutAWaiterGoesAheadWithoutOne() throws Exception {
        TurnTaking turns = new TurnTaking(1, TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(turns.take(System.nanoTime())).isTrue(); // and never given back: a holder stuck in I/O
        long started = System.nanoTime();
        assertThat(turns.take(System.nanoTime())).isFalse();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(waitedMillis).isBetween(50L, 5_000L);
        // Going ahead took no turn, so when the holder gives its turn back, one is free again.
        turns.give();
        assertThat(turns.take(System.nanoTime())).isTrue();
    }

    private static Thread waiter(TurnTaking turns, long arrival, List<Long> served) {
        return new Thread(() -> {
            if (turns.take(arrival)) {
                served.add(arrival);
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
