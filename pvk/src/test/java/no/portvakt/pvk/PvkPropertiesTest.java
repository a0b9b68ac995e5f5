package no.portvakt.pvk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A batch must be done inside its lease, or another instance could send a message that is still being sent. */
class PvkPropertiesTest {

    @Test
    void theLeaseMustOutlastTheLongestBatch() {
        // 500 messages, 64 at a time: 8 rounds of at most 2 + 10 + 10 s, after a token request of 2 + 10 s.
        assertThatCode(() -> delivery(500, 64, Duration.ofMinutes(4))).doesNotThrowAnyException();
        assertThatThrownBy(() -> delivery(500, 64, Duration.ofSeconds(188)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT3M8S");
        assertThatCode(() -> delivery(64, 64, Duration.ofSeconds(35))).doesNotThrowAnyException();
    }

    private static PvkProperties.Delivery delivery(int batchSize, int maxInFlight, Duration lease) {
        return new PvkProperties.Delivery(true, Duration.ofMillis(250), Duration.ofMillis(10), batchSize, maxInFlight, Duration.ofSeconds(2),
                Duration.ofSeconds(10), lease, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofDays(7),
                Duration.ofDays(7), Duration.ofMinutes(5), 1000);
    }
}
