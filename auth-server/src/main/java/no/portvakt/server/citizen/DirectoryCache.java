package no.portvakt.server.citizen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The person directory's answers, kept for a short while: every token for a logged-in citizen evaluates the
 * representation rules again, and without this each one would query the directory. Answers are dropped at once
 * when this instance changes the directory, and within the poll interval when anyone does
 * ({@link DirectoryChanges}); never kept longer than the TTL. Empty answers are kept too (a citizen who is not in
 * the directory acts only for themself); the cache is emptied when it would outgrow {@link #MAX_ENTRIES}.
 */
final class DirectoryCache {

    static final int MAX_ENTRIES = 50_000;

    private final Duration ttl;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    private record Key(String lookup, String pid) {
    }

    private record Entry(Object value, Instant loadedAt) {
    }

    DirectoryCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String lookup, String pid, Supplier<T> load) {
        Key key = new Key(lookup, pid);
        Instant now = clock.instant();
        Entry cached = entries.get(key);
        if (cached != null && cached.loadedAt().plus(ttl).isAfter(now)) {
            return (T) cached.value();
        }
        long loadedIn = epoch.get();
        T value = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(value, now));
        if (epoch.get() != loadedIn) {
            entries.remove(key); // the directory changed while this was read: the answer may be stale
        }
        return value;
    }

    void forget() {
        epoch.incrementAndGet();
        entries.clear();
    }
}
