package no.portvakt.server.claims;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Pairwise subject identifiers (OIDC Core §8.1): {@code sub} is stable for one partner and different for every
 * other, so partners cannot join their data on it, and the fødselsnummer never leaves as {@code sub}.
 * The sector is the partner: all clients of one partner see the same {@code sub}.
 */
@Component
public class PairwiseSubject {

    private final SecretKeySpec key;

    public PairwiseSubject(SubjectProperties properties) {
        String secret = properties.pairwiseSecret();
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("portvakt.subject.pairwise-secret (PORTVAKT_SUBJECT_PAIRWISESECRET) "
                    + "must be set to a random secret of at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Whether {@code value} has the form of a pairwise identifier (43 base64url characters: 256 bits). */
    public static boolean looksLikeOne(String value) {
        return value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || c == '-' || c == '_');
    }

    public String of(String pid, String sector) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((sector + "\n" + pid).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
