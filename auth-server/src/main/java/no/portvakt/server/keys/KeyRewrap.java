package no.portvakt.server.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import no.portvakt.registry.console.Administrators;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rotating the key-encryption key: with the new KEK configured as the current one and the old one among the
 * previous ones, every secret at rest still under an earlier KEK (signing keys, data keys such as the audit's, the
 * administrators' TOTP secrets)
 * is decrypted and encrypted again under the current one; then the old KEK can be removed from configuration. Each
 * row is re-encrypted on its own and only if unchanged since it was read, so a run may be repeated, and may run
 * beside rotation and logins; nothing is ever stored in clear.
 */
@Component
public class KeyRewrap {

    /** How many secrets are encrypted under each KEK: what still needs which KEK configured. */
    public record Standing(String current, Iterable<String> configured, Map<String, Long> signingKeys,
                           Map<String, Long> dataKeys, Map<String, Long> totpSecrets) {
    }

    private record DataKey(String id, byte[] encrypted, String kekId) {
    }

    private final SigningKeyStore store;
    private final KeyEncryption encryption;
    private final Administrators administrators;
    private final JdbcClient jdbc;

    KeyRewrap(SigningKeyStore store, KeyEncryption encryption, Administrators administrators, JdbcClient jdbc) {
        this.store = store;
        this.encryption = encryption;
        this.administrators = administrators;
        this.jdbc = jdbc;
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
        int dataKeys = 0;
        for (DataKey key : jdbc.sql("select id, key_enc, kek_id from data_key where kek_id <> ?")
                .param(encryption.kekId())
                .query((rs, n) -> new DataKey(rs.getString(1), rs.getBytes(2), rs.getString(3))).list()) {
            String boundTo = KeyEncryption.dataKey(key.id());
            byte[] clear = encryption.decrypt(key.encrypted(), key.kekId(), boundTo);
            dataKeys += jdbc.sql("update data_key set key_enc = ?, kek_id = ? where id = ? and kek_id = ?")
                    .params(encryption.encrypt(clear, boundTo), encryption.kekId(), key.id(), key.kekId()).update();
        }
        Map<String, Integer> done = new LinkedHashMap<>();
        done.put("signing_keys", keys);
        done.put("data_keys", dataKeys);
        done.put("totp_secrets", administrators.resealUnderCurrentKek());
        return done;
    }

    public Standing standing() {
        Map<String, Long> dataKeys = new TreeMap<>();
        jdbc.sql("select kek_id, count(*) from data_key group by kek_id")
                .query((RowCallbackHandler) rs -> dataKeys.put(rs.getString(1), rs.getLong(2)));
        return new Standing(encryption.kekId(), encryption.kekIds(), store.perKek(), dataKeys,
                administrators.sealedPerKek());
    }
}
