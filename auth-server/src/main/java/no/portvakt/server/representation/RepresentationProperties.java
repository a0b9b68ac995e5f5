package no.portvakt.server.representation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code portvakt.representation.*}: the configurable part of the representation rules (docs/tokens.md,
 * "representation"). A scope not listed is refused in that context; OpenID Connect's own scopes (openid, profile,
 * pid, offline_access) are never limited.
 */
@ConfigurationProperties("portvakt.representation")
public record RepresentationProperties(
        /* What a parent may use for a child of 12 to 15, and the child for themself. */
        java.util.Set<String> teenScopes,
        /* What the holder of an ordinary power of attorney may use; empty means no limit beyond the giver's. */
        java.util.Set<String> ordinaryPowerOfAttorneyScopes) {

    public RepresentationProperties {
        teenScopes = teenScopes == null ? java.util.Set.of() : java.util.Set.copyOf(teenScopes);
        ordinaryPowerOfAttorneyScopes = ordinaryPowerOfAttorneyScopes == null ? java.util.Set.of()
                : java.util.Set.copyOf(ordinaryPowerOfAttorneyScopes);
    }
}
