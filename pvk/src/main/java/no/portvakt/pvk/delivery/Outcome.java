package no.portvakt.pvk.delivery;

import java.time.Duration;

/**
 * How one delivery went: received (any 2xx); to be tried again (the subscriber or the way to it failed for now:
 * 5xx, 408, 429, a timeout, a refused connection, no token), with the subscriber's own {@code retryAfter} where it
 * gave one; or refused for good (any other answer), which makes the message a dead letter.
 */
public record Outcome(Kind kind, String error, Duration retryAfter) {

    public enum Kind { RECEIVED, RETRY, REFUSED }

    public static Outcome received() {
        return new Outcome(Kind.RECEIVED, null, null);
    }

    public static Outcome retry(String error, Duration retryAfter) {
        return new Outcome(Kind.RETRY, error, retryAfter);
    }

    public static Outcome refused(String error) {
        return new Outcome(Kind.REFUSED, error, null);
    }
}
