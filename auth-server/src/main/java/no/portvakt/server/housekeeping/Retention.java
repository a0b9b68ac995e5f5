package no.portvakt.server.housekeeping;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps records no longer than their retention ({@link RetentionProperties}), and the audit trail's months ready
 * ahead: a month of the trail past retention is dropped as one partition, whatever its size; other records go in
 * bounded batches, found through their time index, so no run holds long locks. Every instance runs it; the audit
 * partitions are changed under a lock in PostgreSQL, and the deletes may overlap harmlessly.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final RetentionProperties retention;
    private final HousekeepingProperties housekeeping;
    private final Clock clock;

    public Retention(JdbcClient jdbc, RetentionProperties retention, HousekeepingProperties housekeeping,
                     Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${portvakt.housekeeping.interval:5m}",
            initialDelayString = "${portvakt.housekeeping.interval:5m}")
    public void run() {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        LocalDate thisMonth = now.toLocalDate().withDayOfMonth(1);
        for (int ahead = 0; ahead <= retention.auditMonthsAhead(); ahead++) {
            jdbc.sql("select token_audit_month(?)").param(Date.valueOf(thisMonth.plusMonths(ahead))).query()
                    .singleRow();
        }
        Timestamp auditCutoff = Timestamp.from(now.minus(retention.audit()).toInstant());
        int months = jdbc.sql("select token_audit_drop_before(?)").param(auditCutoff).query(Integer.class).single();
        int lookups = drain("token_audit_lookup", "looked_up_at < ?", auditCutoff);
        int events = drain("security_event", "occurred_at < ?",
                Timestamp.from(now.minus(retention.securityEvents()).toInstant()));
        int changes = drain("registry_change", "changed_at < ?",
                Timestamp.from(now.minus(retention.registryChanges()).toInstant()));
        int deliveries = drain("logout_delivery",
                "created_at < ? and (delivered_at is not null or given_up_at is not null)",
                Timestamp.from(now.minus(retention.logoutDeliveries()).toInstant()));
        if (months + lookups + events + changes + deliveries > 0) {
            log.info("Retention removed {} audit months, {} trail readings, {} security events, {} registry "
                    + "changes, {} logout deliveries", months, lookups, events, changes, deliveries);
        }
    }

    private int drain(String table, String condition, Timestamp cutoff) {
        return Batches.drain(jdbc, housekeeping.batchSize(), "delete from " + table + " where id in (select id from "
                + table + " where " + condition + " limit ?)", cutoff);
    }
}
