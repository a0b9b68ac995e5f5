package no.portvakt.registry;

/**
 * Published (as a Spring application event) after a change to the registry commits, so that whoever caches
 * registry rows drops them at once on this instance.
 */
public record RegistryChanged(String entity, String entityId) {
}
