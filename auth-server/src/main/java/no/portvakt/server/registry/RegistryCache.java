package no.portvakt.server.registry;

import no.portvakt.server.edge.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A short-lived in-memory view of registry rows (clients, APIs), so the token endpoint does not query PostgreSQL
 * for them on every request; the registry stays the source of truth. Misses are not cached, so callers cannot
 * fill the cache with names that do not exist. While PostgreSQL does not answer in time, an entry read from it
 * within {@code serveStaleFor} is served on: clients known a moment ago keep getting the tokens that need no
 * database (and every such answer is counted); a change made meanwhile on another instance is not seen until the
 * database answers again, which is why the time is bounded.
 */
public final class RegistryCache<V> {

    private static final Logger log = LoggerFactory.getLogger(RegistryCache.class);

    private final Function<String, Optional<V>> load;
    private final Duration ttl;
    private final Duration serveStaleFor;
    private final Clock clock;
    private final Runnable servedStale;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, Instant loadedAt) {
    }

    public RegistryCache(Function<String, Optional<V>> load, ClientsProperties settings, Clock clock,
                         Runnable servedStale) {
        this.load = load;
        this.ttl = settings.cacheTtl();
        this.serveStaleFor = settings.serveStaleFor();
        this.clock = clock;
        this.servedStale = servedStale;
    }

    public void clear() {
        entries.clear();
    }

    public Optional<V> get(String key) {
        Instant now = clock.instant();
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.loadedAt().plus(ttl).isAfter(now)) {
            return Optional.of(cached.value());
        }
        Optional<V> loaded;
        try {
            loaded = load.apply(key);
        } catch (RuntimeException e) {
            if (cached == null || !cached.loadedAt().plus(serveStaleFor).isAfter(now)
                    || DatabaseUnavailable.unavailable(e) == null) {
                throw e;
            }
            log.warn("PostgreSQL did not answer: served a registry entry read at {} ({})", cached.loadedAt(),
                    e.toString());
            servedStale.run();
            return Optional.of(cached.value());
        }
        loaded.ifPresentOrElse(v -> entries.put(key, new Entry<>(v, now)), () -> entries.remove(key));
        return loaded;
    }
}
