package no.portvakt.pvk.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * A way replication messages reach subscribers: REST today ({@link RestChannel}); messaging (an AMQP broker)
 * later, beside it. A channel never throws: every failure is an {@link Outcome}, and the future completes within
 * the delivery's timeouts.
 */
public interface DeliveryChannel {

    /** Whether this channel delivers to {@code message}'s subscriber (by its delivery URL's scheme). */
    boolean handles(Message message);

    CompletableFuture<Outcome> deliver(Message message);
}
