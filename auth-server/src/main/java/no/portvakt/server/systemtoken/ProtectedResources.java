package no.portvakt.server.systemtoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.portvakt.registry.ClientRegistry;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.config.PortvaktProperties;
import org.springframework.stereotype.Component;

/**
 * The partner APIs, by resource identifier, served from memory for {@code portvakt.clients.cache-ttl} so a token
 * request does not query the registry. Unknown resources are not cached (a caller cannot fill the cache).
 */
@Component
public class ProtectedResources {

    /** Longer than any resource identifier Portvakt registers; longer ones are refused unseen. */
    static final int MAX_RESOURCE_LENGTH = 500;

    private final ClientRegistry registry;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(PartnerApi api, Instant loadedAt) {
    }

    public ProtectedResources(ClientRegistry registry, PortvaktProperties properties, Clock clock) {
        this.registry = registry;
        this.ttl = properties.clients().cacheTtl();
        this.clock = clock;
    }

    public Optional<PartnerApi> find(String resource) {
        if (resource == null || resource.length() > MAX_RESOURCE_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(resource);
        if (cached != null && cached.loadedAt().plus(ttl).isAfter(now)) {
            return Optional.of(cached.api());
        }
        Optional<PartnerApi> loaded = registry.findApi(resource);
        loaded.ifPresentOrElse(api -> cache.put(resource, new Cached(api, now)), () -> cache.remove(resource));
        return loaded;
    }
}
