package no.portvakt.server.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the key-encryption keys (KEKs) from configuration: the current one encrypts, and each stored
 * secret names the KEK it is encrypted under ({@code kek_id}), so that previous KEKs still decrypt until every
 * secret is re-encrypted under the current one ({@link KeyRewrap}) and they can be removed. What a secret belongs
 * to (a key id, an account) is bound as additional authenticated data, so it cannot be moved to another row
 * unnoticed. Stored form: 12-byte IV followed by ciphertext and tag.
 */
public final class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    private final Map<String, SecretKey> keks = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param previous earlier KEKs, for decryption only, each as {@code id:base64}
     */
    public KeyEncryption(String base64Kek, String kekId, List<String> previous) {
        if (base64Kek == null || base64Kek.isBlank()) {
            throw new IllegalStateException("portvakt.keys.kek (PORTVAKT_KEYS_KEK) is not set: Portvakt will not "
                    + "store signing keys without a key-encryption key. Give it 32 random bytes in base64, "
                    + "for example from: openssl rand -base64 32");
        }
        this.currentId = kekId;
        keks.put(kekId, aesKey(base64Kek, "portvakt.keys.kek"));
        for (String entry : previous) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("portvakt.keys.previous-keks: each entry is id:base64");
            }
            String id = entry.substring(0, colon).trim();
            if (keks.putIfAbsent(id, aesKey(entry.substring(colon + 1), "previous KEK " + id)) != null) {
                throw new IllegalStateException("portvakt.keys.previous-keks: KEK id " + id + " is given twice");
            }
        }
    }

    private static SecretKey aesKey(String base64, String name) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (AES-256), not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** What a data key (a key of Portvakt's own, stored in {@code data_key}) is bound to under the KEK. */
    public static String dataKey(String id) {
        return "data_key:" + id;
    }

    /** The KEK that encrypts. */
    public String kekId() {
        return currentId;
    }

    /** Every KEK this instance can decrypt with, the current one first. */
    public Set<String> kekIds() {
        return keks.keySet();
    }

    /** Encrypts under the current KEK ({@link #kekId()}, to be stored beside the result). */
    public byte[] encrypt(byte[] plaintext, String boundTo) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keks.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts what was encrypted under KEK {@code kekId}, bound to {@code boundTo}. */
    public byte[] decrypt(byte[] stored, String kekId, String boundTo) {
        SecretKey kek = keks.get(kekId);
        if (kek == null) {
            throw new IllegalStateException("A secret of " + boundTo + " is encrypted under key-encryption key "
                    + kekId + ", which is not configured: add it to portvakt.keys.previous-keks until every "
                    + "secret is re-encrypted (docs/operations.md, rotating the key-encryption key)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret of " + boundTo + " cannot be decrypted with key-encryption "
                    + "key " + kekId + ": is that KEK's value right?");
        }
    }
}
