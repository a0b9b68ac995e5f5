package no.portvakt.server.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code portvakt.*}: Portvakt itself. Each feature reads its own settings beside it ({@code portvakt.keys.*} in
 * {@code keys}, and so on); each can also be given as an environment variable ({@code PORTVAKT_ISSUER},
 * {@code PORTVAKT_KEYS_KEK}, ...). {@code docs/configuration.md} lists them all.
 */
@Validated
@ConfigurationProperties("portvakt")
public record PortvaktProperties(
        /* The issuer identifier, exactly as it appears in discovery and in every token's iss. */
        String issuer,
        /* The bootstrap file (partners, clients, APIs, demo citizens), applied at every start. */
        String bootstrap) {
}
