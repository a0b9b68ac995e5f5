package no.portvakt.server.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code portvakt.session.*}: citizen sessions (ID-porten's and Helsenorge's limits). */
@ConfigurationProperties("portvakt.session")
public record SessionProperties(
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("120m") Duration maxDuration) {
}
