package no.portvakt.server.keys;

import java.time.Instant;

/** A row of {@code signing_key}: the public JWK in clear, the private key encrypted under KEK {@code kekId}. */
record StoredKey(String kid, String publicJwk, byte[] privateKeyEncrypted, String kekId, Instant createdAt,
                 Instant activatedAt, Instant retiredAt) {

    boolean isActive() {
        return activatedAt != null && retiredAt == null;
    }

    boolean isPending() {
        return activatedAt == null;
    }
}
