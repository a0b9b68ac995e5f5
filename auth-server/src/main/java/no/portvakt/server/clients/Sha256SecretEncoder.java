package no.portvakt.server.clients;

import no.portvakt.registry.SecretHash;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks client secrets against their stored SHA-256 (see {@link SecretHash} for why a fast hash is right here).
 */
public final class Sha256SecretEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence rawSecret) {
        return SecretHash.sha256Hex(rawSecret);
    }

    @Override
    public boolean matches(CharSequence rawSecret, String storedSha256) {
        return SecretHash.matches(rawSecret, storedSha256);
    }
}
