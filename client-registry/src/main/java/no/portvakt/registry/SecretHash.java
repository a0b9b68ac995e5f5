package no.portvakt.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Client secrets are generated with at least 256 bits of entropy, so a fast hash is as safe as a slow one and
 * keeps the token endpoint cheap (BCrypt costs hundreds of milliseconds per request under load).
 */
public final class SecretHash {

    /** The shortest secret accepted: 32 characters of a generated secret. */
    public static final int MIN_SECRET_LENGTH = 32;

    private SecretHash() {
    }

    public static String sha256Hex(CharSequence secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(secret.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares in time independent of where the values differ. */
    public static boolean matches(CharSequence secret, String expectedSha256Hex) {
        if (secret == null || expectedSha256Hex == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
                expectedSha256Hex.getBytes(StandardCharsets.US_ASCII));
    }

    /** How long a generated client secret lives (ID-porten's limit). */
    public static final java.time.Duration SECRET_LIFETIME = java.time.Duration.ofDays(360);

    /** A new high-entropy secret: 256 random bits, base64url (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
}
