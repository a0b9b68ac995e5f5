package no.portvakt.pvk;

import java.time.Instant;

/**
 * A citizen's setting for a definition. {@code version} counts its changes (0: never changed, the definition's
 * default; {@code changedAt} is then null); it is the sequence number of the replication messages.
 */
public record Setting(String pid, Definition definition, boolean active, long version, Instant changedAt) {
}
