package no.portvakt.server.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the key-encryption key (KEK) from configuration. The key id is bound as additional
 * authenticated data, so an encrypted private key cannot be moved to another row unnoticed.
 * Stored form: 12-byte IV followed by ciphertext and tag.
 */
public final class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey kek;
    private final String kekId;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(String base64Kek, String kekId) {
        if (base64Kek == null || base64Kek.isBlank()) {
            throw new IllegalStateException("portvakt.keys.kek (PORTVAKT_KEYS_KEK) is not set: Portvakt will not "
                    + "store signing keys without a key-encryption key. Give it 32 random bytes in base64, "
                    + "for example from: openssl rand -base64 32");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Kek.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("portvakt.keys.kek is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("portvakt.keys.kek must be 32 bytes (AES-256), not " + raw.length);
        }
        this.kek = new SecretKeySpec(raw, "AES");
        this.kekId = kekId;
    }

    public String kekId() {
        return kekId;
    }

    public byte[] encrypt(byte[] plaintext, String kid) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] stored, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be decrypted with key-encryption key "
                    + kekId + ": wrong portvakt.keys.kek?");
        }
    }
}
