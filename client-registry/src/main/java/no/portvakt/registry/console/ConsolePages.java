package no.portvakt.registry.console;

/**
 * Marks a controller outside this package as serving console pages (the signing keys page lives with the keys),
 * so that {@link ConsoleModel} gives its pages what every console page needs.
 */
public interface ConsolePages {
}
