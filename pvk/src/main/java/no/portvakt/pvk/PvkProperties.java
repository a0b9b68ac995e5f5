package no.portvakt.pvk;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code portvakt.pvk.*} settings (docs/configuration.md): PVK's own client at Portvakt's token endpoint,
 * the change rules' policy and the delivery of replication messages.
 */
@ConfigurationProperties("portvakt.pvk")
public record PvkProperties(
        /* PVK's client id at Portvakt (a registered private_key_jwt client). */
        @DefaultValue("pvk") String clientId,
        /* PVK's private key for private_key_jwt, a JWK (JSON) with a kid; its public half is registered. */
        String clientJwk,
        /* Portvakt's token endpoint, where PVK gets its SystemTokens over HTTP. */
        String tokenEndpoint,
        /* The kinds of setting (typePi) a parent may change for a child of 12 to 15; none by default. */
        Set<PiType> teenParentMayChange,
        @DefaultValue Delivery delivery) {

    public PvkProperties {
        teenParentMayChange = teenParentMayChange == null ? Set.of() : Set.copyOf(teenParentMayChange);
    }

    /** The replication messages' delivery. */
    public record Delivery(
            /* Whether this instance delivers (every instance may: they share the outbox). */
            @DefaultValue("true") boolean enabled,
            /* How often each instance looks for due messages (a change made here wakes it at once). */
            @DefaultValue("250ms") Duration interval,
            /* After a change made here wakes the instance, how long it waits for more before it delivers. */
            @DefaultValue("10ms") Duration gather,
            /* Messages taken at once by one instance. */
            @DefaultValue("500") int batchSize,
            /* Requests in flight at once from one instance. */
            @DefaultValue("64") int maxInFlight,
            @DefaultValue("2s") Duration connectTimeout,
            /* How long to wait for an answer's head, and again at most for its body. */
            @DefaultValue("10s") Duration readTimeout,
            /* How long a taken message is this instance's: after it, another instance may send it again. */
            @DefaultValue("4m") Duration lease,
            /* The first wait after a failure; each further failure doubles it, with jitter, up to the cap. */
            @DefaultValue("2s") Duration backoffBase,
            @DefaultValue("10m") Duration backoffCap,
            /* A message that still fails this long after it became due is a dead letter. */
            @DefaultValue("7d") Duration maxAge,
            /* How long delivered messages are kept before they are cleaned up. */
            @DefaultValue("7d") Duration retention,
            /* How often received messages older than the retention are deleted. */
            @DefaultValue("5m") Duration cleanupInterval,
            @DefaultValue("1000") int cleanupBatchSize) {

        public Delivery {
            Duration longest = longestBatch(batchSize, maxInFlight, connectTimeout, readTimeout);
            if (lease.compareTo(longest) <= 0) {
                // A batch must be done well inside its lease, or another instance could send a message again
                // while this one still waits for its answer.
                throw new IllegalArgumentException("portvakt.pvk.delivery.lease must exceed " + longest
                        + ": a token request, then ceil(batch-size / max-in-flight) rounds of sends, each at most"
                        + " connect-timeout + twice read-timeout (the answer's head, then its body)");
            }
        }

        /** The longest a batch can take when every subscriber hangs to the last moment. */
        private static Duration longestBatch(int batchSize, int maxInFlight, Duration connectTimeout,
                                             Duration readTimeout) {
            long rounds = (batchSize + maxInFlight - 1) / maxInFlight;
            Duration send = connectTimeout.plus(readTimeout.multipliedBy(2));
            return connectTimeout.plus(readTimeout).plus(send.multipliedBy(rounds));
        }
    }
}
