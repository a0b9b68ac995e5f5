package no.portvakt.server.housekeeping;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portvakt.retention.*}: how long records are kept before {@link Retention} deletes them. Set each to what
 * the operator's data protection assessment says; the defaults are a starting point, not advice.
 */
@ConfigurationProperties("portvakt.retention")
public record RetentionProperties(
        /* The token audit trail and the record of who read it. Whole months go: a month is dropped once all of it
           is older than this. */
        @DefaultValue("5y") Period audit,
        /* Security events (refused representations). */
        @DefaultValue("2y") Period securityEvents,
        /* The registry's change trail: who changed which client, API or partner, and how. */
        @DefaultValue("5y") Period registryChanges,
        /* Back-channel logout deliveries, once delivered or given up. */
        @DefaultValue("30d") Duration logoutDeliveries,
        /* How many monthly audit partitions exist ahead of the current month. */
        @DefaultValue("2") int auditMonthsAhead) {
}
