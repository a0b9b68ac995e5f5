package no.portvakt.server.clients;

import java.util.concurrent.atomic.AtomicLong;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.registry.RegistryChanged;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's cached clients and APIs in step with the registry: each change moves the registry's
 * generation, and each instance looks at it every {@code portvakt.clients.change-poll-interval} (one tiny query),
 * dropping its caches when it moved. A change made on this instance takes effect here at once
 * ({@link #applied}), on the others within the poll interval: a suspended partner's clients stop working
 * everywhere within seconds, not at the end of the cache TTL.
 */
@Component
public class RegistryChanges {

    private final ClientRegistry registry;
    private final RegisteredClients clients;
    private final ProtectedResources apis;
    private final AtomicLong seen = new AtomicLong(-1);

    RegistryChanges(ClientRegistry registry, RegisteredClients clients, ProtectedResources apis) {
        this.registry = registry;
        this.clients = clients;
        this.apis = apis;
    }

    /** After a change this instance made (published by the registry's administration). */
    @EventListener
    public void applied(RegistryChanged change) {
        seen.set(registry.generation());
        clients.forget();
        apis.forget();
    }

    @Scheduled(fixedDelayString = "${portvakt.clients.change-poll-interval:2s}")
    public void poll() {
        long generation = registry.generation();
        if (seen.getAndSet(generation) != generation) {
            clients.forget();
            apis.forget();
        }
    }
}
