package no.portvakt.server.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.registry.console.Administrators;
import org.springframework.stereotype.Component;

/**
 * Rotating the key-encryption key: with the new KEK configured as the current one and the old one among the
 * previous ones, every secret at rest still under an earlier KEK (signing keys, the administrators' TOTP secrets)
 * is decrypted and encrypted again under the current one; then the old KEK can be removed from configuration. Each
 * row is re-encrypted on its own and only if unchanged since it was read, so a run may be repeated, and may run
 * beside rotation and logins; nothing is ever stored in clear.
 */
@Component
public class KeyRewrap {

    /** How many secrets are encrypted under each KEK: what still needs which KEK configured. */
    public record Standing(String current, Iterable<String> configured, Map<String, Long> signingKeys,
                           Map<String, Long> totpSecrets) {
    }

    private final SigningKeyStore store;
    private final KeyEncryption encryption;
    private final Administrators administrators;

    KeyRewrap(SigningKeyStore store, KeyEncryption encryption, Administrators administrators) {
        this.store = store;
        this.encryption = encryption;
        this.administrators = administrators;
    }

    /** Re-encrypts everything under an earlier KEK; how many of each kind were. */
    public Map<String, Integer> rewrap() {
        int keys = 0;
        for (StoredKey key : store.notUnder(encryption.kekId())) {
            byte[] privateKey = encryption.decrypt(key.privateKeyEncrypted(), key.kekId(), key.kid());
            if (store.reencrypted(key, encryption.encrypt(privateKey, key.kid()), encryption.kekId())) {
                keys++;
            }
        }
        Map<String, Integer> done = new LinkedHashMap<>();
        done.put("signing_keys", keys);
        done.put("totp_secrets", administrators.resealUnderCurrentKek());
        return done;
    }

    public Standing standing() {
        return new Standing(encryption.kekId(), encryption.kekIds(), store.perKek(), administrators.sealedPerKek());
    }
}
