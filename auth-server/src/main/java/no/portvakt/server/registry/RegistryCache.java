package no.portvakt.server.registry;

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
 * fill the cache with names that do not exist.
 */
public final class RegistryCache<V> {

    private final Function<String, Optional<V>> load;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, Instant loadedAt) {
    }

    public RegistryCache(Function<String, Optional<V>> load, Duration ttl, Clock clock) {
        this.load = load;
        this.ttl = ttl;
        this.clock = clock;
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
        Optional<V> loaded = load.apply(key);
        loaded.ifPresentOrElse(v -> entries.put(key, new Entry<>(v, now)), () -> entries.remove(key));
        return loaded;
    }
}
