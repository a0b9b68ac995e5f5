package no.portvakt.registry.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Throttling of failed client authentication (the token, PAR, introspection and revocation endpoints, the partner
 * page's client login, dynamic registration), per client_id and per source address, shared by every instance.
 *
 * <p>A failure is counted in PostgreSQL; reaching a limit blocks the key for {@code portvakt.throttle.block},
 * during which every attempt is refused with 429, the right secret too (else guessing only slows down). A correct
 * client pays nothing on its way in: whether a key is blocked is read from this instance's memory, which every
 * instance refreshes from the table each {@code sync-interval}; the instance that records a block knows it at once.
 */
@Component
public class FailedAuthentications {

    private static final int MAX_KEY_LENGTH = 200;

    private final JdbcClient jdbc;
    private final ThrottleProperties properties;
    private final Clock clock;
    private volatile Map<String, Instant> blocked = Map.of();
    private final Map<String, Instant> blockedHere = new ConcurrentHashMap<>();

    public FailedAuthentications(JdbcClient jdbc, ThrottleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** How long attempts of {@code clientId} (may be null) from {@code address} are still refused, if they are. */
    public Optional<Duration> blocked(String clientId, String address) {
        if (exempt(address)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant until = later(until(addressKey(address)), clientId == null ? null : until(clientKey(clientId)));
        return until == null || !until.isAfter(now) ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a failed authentication of {@code clientId} (may be null) from {@code address}. */
    public void failed(String clientId, String address) {
        if (exempt(address)) {
            return;
        }
        count(addressKey(address), properties.failuresPerAddress());
        if (clientId != null && !clientId.isBlank()) {
            count(clientKey(clientId), properties.failuresPerClient());
        }
    }

    private void count(String key, int limit) {
        long window = properties.window().toMillis();
        Integer failures = jdbc.sql("""
                insert into auth_failure (key, window_start, failures) values (?, now(), 1)
                on conflict (key) do update set
                    failures = case when auth_failure.window_start < now() - make_interval(secs => ? / 1000.0)
                                    then 1 else auth_failure.failures + 1 end,
                    window_start = case when auth_failure.window_start < now() - make_interval(secs => ? / 1000.0)
                                        then now() else auth_failure.window_start end
                returning failures
                """).params(key, window, window).query(Integer.class).single();
        if (failures >= limit) {
            Instant until = clock.instant().plus(properties.block());
            jdbc.sql("update auth_failure set blocked_until = ? where key = ?")
                    .params(java.sql.Timestamp.from(until), key).update();
            blockedHere.put(key, until);
        }
    }

    /** What every instance recorded; forgotten windows and ended blocks are cleared on the way. */
    @Scheduled(fixedDelayString = "${portvakt.throttle.sync-interval:1s}")
    void sync() {
        Map<String, Instant> now = new ConcurrentHashMap<>();
        jdbc.sql("select key, blocked_until from auth_failure where blocked_until > now()")
                .query((rs, n) -> now.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        blocked = now;
        Instant instant = clock.instant();
        blockedHere.entrySet().removeIf(e -> now.containsKey(e.getKey()) || !e.getValue().isAfter(instant));
        jdbc.sql("""
                delete from auth_failure where window_start < now() - make_interval(secs => ? / 1000.0)
                    and (blocked_until is null or blocked_until < now())
                """).param(properties.window().toMillis() * 2).update();
    }

    private Instant until(String key) {
        return later(blocked.get(key), blockedHere.get(key));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private boolean exempt(String address) {
        return address == null || properties.exemptAddresses().contains(address);
    }

    private static String clientKey(String clientId) {
        return truncated("client:" + clientId);
    }

    private static String addressKey(String address) {
        return truncated("address:" + address);
    }

    private static String truncated(String key) {
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }
}
