package no.portvakt.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * While PostgreSQL does not answer, a registry entry read within {@code serve-stale-for} is served on, and counted;
 * an older one, a name never read, or any other failure is not hidden.
 */
class RegistryCacheTest {

    private static final ClientsProperties SETTINGS = new ClientsProperties(Duration.ofSeconds(30),
            Duration.ofMinutes(10), Duration.ofSeconds(2));

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicReference<RuntimeException> database = new AtomicReference<>();
    private final AtomicInteger stale = new AtomicInteger();
    private final Function<String, Optional<String>> registry = key -> {
        if (database.get() != null) {
            throw database.get();
        }
        return Optional.of("client " + key);
    };
    private final RegistryCache<String> cache = new RegistryCache<>(registry, SETTINGS, clock, stale::incrementAndGet);

    @Test
    void anEntryReadAMomentAgoIsServedWhilePostgresqlDoesNotAnswer() {
        assertThat(cache.get("portal")).contains("client portal");
        database.set(new CannotAcquireLockException("lock timeout"));
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(cache.get("portal")).contains("client portal");
        assertThat(stale.get()).isEqualTo(1);
    }

    @Test
    void anEntryOlderThanServeStaleForIsNot() {
        cache.get("portal");
        database.set(new CannotAcquireLockException("lock timeout"));
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThatThrownBy(() -> cache.get("portal")).isInstanceOf(CannotAcquireLockException.class);
        assertThat(stale.get()).isZero();
    }

    @Test
    void aNameNeverReadAndOtherFailuresAreNotHidden() {
        database.set(new CannotAcquireLockException("lock timeout"));
        assertThatThrownBy(() -> cache.get("unknown")).isInstanceOf(CannotAcquireLockException.class);
        database.set(null);
        cache.get("portal");
        database.set(new DataIntegrityViolationException("not a fault of availability"));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> cache.get("portal")).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(stale.get()).isZero();
    }
}
