package no.portvakt.registry.console;

/** Seals secrets at rest (the administrators' TOTP secrets) with the application's key-encryption key. */
public interface SecretSealer {

    byte[] seal(byte[] secret, String context);

    byte[] open(byte[] sealed, String context);
}
