package no.portvakt.server.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches at most once per interval: what comes meanwhile shares one batch; an idle writer runs an item at once. */
class GroupCommitTest {

    /** Answers each item with its batch's size, and remembers the sizes. */
    static final class Sizes extends GroupCommit<String, Integer> {
        final List<Integer> batches = new CopyOnWriteArrayList<>();

        Sizes(Duration interval) {
            super("test-writer", 100, 1_000, new GroupCommitProperties(interval, Duration.ofSeconds(3)));
        }

        @Override
        protected List<Integer> run(List<String> items, Deadline deadline) {
            batches.add(items.size());
            return items.stream().map(i -> items.size()).toList();
        }
    }

    @Test
    void itemsArrivingWithinTheIntervalShareOneBatchAndAnIdleWritersItemIsRunAtOnce() throws Exception {
        Sizes writer = new Sizes(Duration.ofSeconds(2));
        writer.start();
        try {
            // Idle since it started: run now, not after the interval (the get would time out).
            assertThat(writer.submit("first").get(1, TimeUnit.SECONDS)).isEqualTo(1);
            List<CompletableFuture<Integer>> next = IntStream.range(0, 5).mapToObj(i -> writer.submit("next" + i))
                    .toList();
            for (CompletableFuture<Integer> item : next) {
                assertThat(item.get(5, TimeUnit.SECONDS)).as("all five in one batch").isEqualTo(5);
            }
            assertThat(writer.batches).containsExactly(1, 5);
        } finally {
            writer.stop();
        }
    }

    @Test
    void itemsQueuedWhenTheWriterStopsAreStillRun() throws Exception {
        Sizes writer = new Sizes(Duration.ofMillis(500));
        writer.start();
        writer.submit("first").get(5, TimeUnit.SECONDS);
        CompletableFuture<Integer> waiting = writer.submit("waiting");
        writer.stop();
        assertThat(waiting).isCompletedWithValue(1);
        assertThat(writer.submit("late")).isCompletedExceptionally();
    }

    @Test
    void anItemStillQueuedAtItsDeadlineIsNotRunAndSaysSo() throws Exception {
        Sizes writer = new Sizes(Duration.ofMillis(800)); // the second batch waits for the interval
        writer.start();
        try {
            writer.submit("first").get(1, TimeUnit.SECONDS);
            CompletableFuture<Integer> late = writer.submit("late", Deadline.in(Duration.ofMillis(100)));
            CompletableFuture<Integer> inTime = writer.submit("in time");
            assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
            assertThat(inTime.get(5, TimeUnit.SECONDS)).as("its batch ran without the late item").isEqualTo(1);
            assertThat(writer.batches).containsExactly(1, 1);
        } finally {
            writer.stop();
        }
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new Sizes(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
