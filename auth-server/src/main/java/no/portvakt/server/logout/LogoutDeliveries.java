package no.portvakt.server.logout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.portvakt.registry.outbound.OutboundTargets;
import no.portvakt.registry.outbound.RefusedTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers queued logout tokens (OIDC Back-Channel Logout 1.0 §2.5: a form POST of {@code logout_token}; a 200 or
 * 204 is the receipt). A failed delivery is retried with doubling waits, from 5 s up to an hour, until
 * {@code portvakt.logout.max-attempts}; then it is given up and logged. Every instance runs this; {@code skip
 * locked} and a lease give each row to one of them at a time.
 *
 * <p>Metrics (docs/operations.md): {@code portvakt.logout.deliveries.pending}, the tokens not yet delivered nor
 * given up, and {@code portvakt.logout.deliveries} by {@code outcome} ({@code delivered}, {@code retry},
 * {@code given_up}).
 */
@Component
class LogoutDeliveries {

    private static final Logger log = LoggerFactory.getLogger(LogoutDeliveries.class);
    private static final int BATCH = 20;

    private record Due(long id, String clientId, String uri, String token, int attempts) {
    }

    private final JdbcClient jdbc;
    private final LogoutProperties settings;
    private final HttpClient http;
    private final OutboundTargets targets;
    private final Counter delivered;
    private final Counter retried;
    private final Counter givenUp;

    LogoutDeliveries(JdbcClient jdbc, LogoutProperties properties, OutboundTargets targets, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("portvakt.logout.deliveries.pending", jdbc, j -> j.sql(
                "select count(*) from logout_delivery where delivered_at is null and given_up_at is null")
                .query(Long.class).single()).register(meters);
        this.delivered = outcome(meters, "delivered");
        this.retried = outcome(meters, "retry");
        this.givenUp = outcome(meters, "given_up");
        this.targets = targets;
        this.settings = properties;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(fixedDelayString = "${portvakt.logout.delivery-interval:2s}")
    void deliverDue() {
        List<Due> due;
        do {
            due = claim();
            due.forEach(this::attempt);
        } while (due.size() == BATCH);
    }

    /**
     * Takes due rows for this instance with a lease (no transaction is held while partners answer): a crash
     * mid-way leaves them to be taken again when the lease ends.
     */
    private List<Due> claim() {
        return jdbc.sql("""
                update logout_delivery set next_attempt_at = now() + interval '2 minutes'
                where id in (select id from logout_delivery
                             where delivered_at is null and given_up_at is null and next_attempt_at <= now()
                             order by next_attempt_at limit ? for update skip locked)
                returning id, client_id, logout_uri, logout_token, attempts
                """).param(BATCH)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5))).list();
    }

    private void attempt(Due delivery) {
        String error = post(delivery);
        if (error == null) {
            jdbc.sql("update logout_delivery set delivered_at = now(), attempts = attempts + 1 where id = ?")
                    .param(delivery.id()).update();
            delivered.increment();
            return;
        }
        int attempts = delivery.attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            jdbc.sql("update logout_delivery set attempts = ?, given_up_at = now(), last_error = ? where id = ?")
                    .params(attempts, error, delivery.id()).update();
            log.warn("Gave up delivering a logout token to client {} after {} attempts: {}", delivery.clientId(),
                    attempts, error);
            givenUp.increment();
            return;
        }
        long waitSeconds = Math.min(3600, 5L << Math.min(attempts - 1, 20));
        jdbc.sql("""
                update logout_delivery set attempts = ?, last_error = ?,
                    next_attempt_at = now() + make_interval(secs => ?) where id = ?
                """).params(attempts, error, (double) waitSeconds, delivery.id()).update();
        retried.increment();
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("portvakt.logout.deliveries").tag("outcome", outcome).register(meters);
    }

    /** Null when the partner took it, else what went wrong. */
    private String post(Due delivery) {
        try {
            targets.check(URI.create(delivery.uri()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.uri()))
                    .timeout(settings.readTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                            + URLEncoder.encode(delivery.token(), StandardCharsets.UTF_8)))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 204 ? null : "HTTP " + status;
        } catch (RefusedTarget e) {
            return "the back-channel logout URI " + e.getMessage();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
