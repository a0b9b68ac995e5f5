package no.portvakt.registry.console;

/**
 * Seals secrets at rest (the administrators' TOTP secrets) with the application's key-encryption keys: the current
 * one seals, and a sealed secret names the one it is sealed under, so that it opens after the KEK is rotated and
 * can be sealed again under the new one.
 */
public interface SecretSealer {

    /** A secret sealed under the key-encryption key {@code kekId}. */
    record Sealed(String kekId, byte[] bytes) {
    }

    Sealed seal(byte[] secret, String context);

    byte[] open(Sealed sealed, String context);

    /** The key-encryption key that seals now. */
    String currentKekId();
}
