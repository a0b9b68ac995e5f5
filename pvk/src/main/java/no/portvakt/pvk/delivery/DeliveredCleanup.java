package no.portvakt.pvk.delivery;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the outbox small: received messages are deleted after the retention, in bounded batches. */
@Component
class DeliveredCleanup {

    private final Outbox outbox;

    DeliveredCleanup(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${portvakt.pvk.delivery.cleanup-interval:5m}")
    void cleanUp() {
        boolean more;
        do {
            more = outbox.cleanUp();
        } while (more);
    }
}
