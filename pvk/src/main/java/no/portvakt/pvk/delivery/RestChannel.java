package no.portvakt.pvk.delivery;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import no.portvakt.registry.outbound.OutboundTargets;
import no.portvakt.registry.outbound.RefusedTarget;
import no.portvakt.pvk.PvkProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replication by REST: a POST of the message as JSON to the subscriber's delivery URL, with PVK's SystemToken for
 * the subscriber's API as Bearer and the message id as {@code Idempotency-Key}. Any 2xx is the receipt. Redirects
 * are not followed (a token must never travel to a URL nobody registered); the answer's body is not read.
 */
@Component
class RestChannel implements DeliveryChannel {

    private final SystemTokens tokens;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;
    private final ExecutorService senders;
    private final OutboundTargets targets;

    RestChannel(SystemTokens tokens, JsonMapper json, Clock clock, PvkProperties properties,
                OutboundTargets targets) {
        this.tokens = tokens;
        this.targets = targets;
        this.json = json;
        this.clock = clock;
        this.timeout = properties.delivery().readTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(properties.delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .executor(Runnable::run).build();
        AtomicInteger sender = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.delivery().maxInFlight(), work -> {
            Thread thread = new Thread(work, "pvk-sender-" + sender.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @Override
    public boolean handles(Message message) {
        String scheme = message.deliveryUrl().getScheme();
        return "https".equals(scheme) || "http".equals(scheme);
    }

    @Override
    public CompletableFuture<Outcome> deliver(Message message) {
        String token;
        try {
            token = tokens.token(message.resource(), message.scope());
        } catch (SystemTokens.TokenUnavailable e) {
            return CompletableFuture.completedFuture(Outcome.retry("no SystemToken: " + e.getMessage(), null));
        }
        HttpRequest request = HttpRequest.newBuilder(message.deliveryUrl())
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.messageId().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message.body())))
                .build();
        return CompletableFuture.supplyAsync(() -> post(request), senders);
    }

    /**
     * One POST, waited for on a sender thread. The client's asynchronous send completes every response on the
     * JDK's default asynchronous pool, which on a machine with two cores starts a thread per task: sending from
     * threads of our own avoids that (A/B in docs/performance.md).
     */
    private Outcome post(HttpRequest request) {
        try {
            // Checked here, on the sender thread, name resolved: the token is never sent where PVK may not send.
            targets.check(request.uri());
        } catch (RefusedTarget e) {
            return Outcome.refused("the delivery URL " + e.getMessage());
        }
        try {
            return outcome(http.send(request, response -> new DiscardedWithin(timeout)));
        } catch (HttpTimeoutException e) {
            return Outcome.retry("timed out", null);
        } catch (java.net.ConnectException e) {
            return Outcome.retry("connection refused", null);
        } catch (IOException e) {
            return Outcome.retry(e.getCause() instanceof TimeoutException ? "timed out"
                    : e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted", null);
        }
    }

    /** RFC 9110: 2xx is the receipt; 408, 429 and 5xx are worth waiting for; 3xx and other 4xx are not. */
    private Outcome outcome(HttpResponse<Void> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.received();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Outcome.retry("HTTP " + status, retryAfter(response));
        }
        if (status >= 300 && status < 400) {
            return Outcome.refused("HTTP " + status + ": a redirect is not followed");
        }
        return Outcome.refused("HTTP " + status);
    }

    /** RFC 9110 §10.2.3: seconds, or an HTTP date. */
    private Duration retryAfter(HttpResponse<Void> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
