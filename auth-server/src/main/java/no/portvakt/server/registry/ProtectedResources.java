package no.portvakt.server.registry;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.PartnerApi;
import org.springframework.stereotype.Component;

/**
 * The partner APIs, by resource identifier, served from memory for {@code portvakt.clients.cache-ttl} so a token
 * request does not query the registry. Unknown resources are not cached (a caller cannot fill the cache).
 */
@Component
public class ProtectedResources {

    /** Longer than any resource identifier Portvakt registers; longer ones are refused unseen. */
    static final int MAX_RESOURCE_LENGTH = 500;

    private final RegistryCache<PartnerApi> cache;
    private final RegistryCache<String> resourceOfScope;

    public ProtectedResources(ClientRegistry registry, ClientsProperties properties, Clock clock,
                              MeterRegistry meters) {
        Runnable servedStale = meters.counter("portvakt.registry.stale", "cache", "apis")::increment;
        this.cache = new RegistryCache<>(registry::findApi, properties, clock, servedStale);
        this.resourceOfScope = new RegistryCache<>(scope -> Optional.ofNullable(
                registry.resourcesOfScopes(java.util.List.of(scope)).get(scope)), properties, clock, servedStale);
    }

    /** Forgets every cached API (the registry changed). */
    public void forget() {
        cache.clear();
        resourceOfScope.clear();
    }

    /** The APIs that offer {@code scopes} (scopes no API offers are left out), each once. */
    public java.util.List<PartnerApi> offering(java.util.Collection<String> scopes) {
        return scopes.stream().map(resourceOfScope::get).flatMap(Optional::stream).distinct()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    public Optional<PartnerApi> find(String resource) {
        if (resource == null || resource.length() > MAX_RESOURCE_LENGTH) {
            return Optional.empty();
        }
        return cache.get(resource);
    }
}
