package no.portvakt.server.logout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portvakt.logout.*}: back-channel logout (OIDC Back-Channel Logout 1.0): the delivery of logout tokens from a
 * durable queue.
 */
@ConfigurationProperties("portvakt.logout")
public record LogoutProperties(
        /* How often each instance looks for logout tokens to deliver. */
        @DefaultValue("2s") Duration deliveryInterval,
        /* Attempts per partner before the delivery is given up (the waits double from 5 s, at most 1 h). */
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        /* How long a logout token is valid (exp - iat). */
        @DefaultValue("2m") Duration tokenTtl) {
}
