package no.portvakt.server.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import no.portvakt.server.keys.KeyEncryption;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * How the audit keeps a fødselsnummer: as a keyed hash to find a citizen's records by ({@link #reference},
 * HMAC-SHA-256), and sealed to show it ({@link #seal}, AES-256-GCM), never in clear. Both keys come from the
 * audit's data key, stored encrypted under the key-encryption key ({@code data_key}), so a dump of the database
 * alone does not tell whose tokens they were, and rotating the KEK re-encrypts one row, not the trail.
 */
public final class PidProtection {

    static final String DATA_KEY_ID = "audit-pid";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SEALED_AS = "portvakt audit pid".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey references;
    private final SecretKey seals;
    private final SecureRandom random = new SecureRandom();

    private PidProtection(byte[] dataKey) {
        // Two keys from one, each for one purpose (HKDF-Expand's first block, RFC 5869 §2.3).
        this.references = new SecretKeySpec(hmac(new SecretKeySpec(dataKey, "HmacSHA256"),
                "portvakt audit pid reference\u0001".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.seals = new SecretKeySpec(hmac(new SecretKeySpec(dataKey, "HmacSHA256"),
                "portvakt audit pid seal\u0001".getBytes(StandardCharsets.US_ASCII)), "AES");
    }

    /**
     * The audit's data key, created under the KEK by the first instance (or migration) that finds none: every
     * other one reads the row that won.
     */
    public static PidProtection loadOrCreate(JdbcOperations jdbc, KeyEncryption kek) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.update("insert into data_key (id, key_enc, kek_id) values (?, ?, ?) on conflict (id) do nothing",
                DATA_KEY_ID, kek.encrypt(fresh, KeyEncryption.dataKey(DATA_KEY_ID)), kek.kekId());
        return jdbc.queryForObject("select key_enc, kek_id from data_key where id = ?", (rs, n) ->
                new PidProtection(kek.decrypt(rs.getBytes(1), rs.getString(2), KeyEncryption.dataKey(DATA_KEY_ID))),
                DATA_KEY_ID);
    }

    /** The same for the same fødselsnummer, and useless without the key: what a citizen's records are found by. */
    public byte[] reference(String pid) {
        return pid == null ? null : hmac(references, pid.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] seal(String pid) {
        if (pid == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, seals, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(SEALED_AS);
            byte[] sealed = cipher.doFinal(pid.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String open(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, seals, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(SEALED_AS);
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An audit record's fødselsnummer cannot be opened: not sealed under "
                    + "this data key");
        }
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 failed", e);
        }
    }
}
