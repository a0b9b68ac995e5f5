package no.portvakt.pvk.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a failed message is tried again: exponential (base, then doubling per attempt) up to a cap,
 * with jitter (a random wait between half and all of it), so subscribers coming back are not hit by every
 * instance's retries at the same moment.
 */
record Backoff(Duration base, Duration cap) {

    Duration after(int attempts) {
        long baseMillis = base.toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long wait = baseMillis > (cap.toMillis() >> doublings) ? cap.toMillis() : baseMillis << doublings;
        long half = wait / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(wait - half + 1));
    }
}
