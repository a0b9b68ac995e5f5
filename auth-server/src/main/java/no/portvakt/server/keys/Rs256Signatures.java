package no.portvakt.server.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What computes the RS256 signatures (SHA256withRSA, RFC 7518 §3.3). The signature is most of what a token costs,
 * so where it may, Portvakt signs with AWS-LC (through the Amazon Corretto Crypto Provider, ACCP): its native RSA
 * (blinded and constant-time) signs several times as fast as the JDK's on the same core. ACCP is used only here,
 * not installed as a JVM-wide provider: everything else (verifying client assertions, TLS, AES-GCM of the keys at
 * rest) stays with the JDK.
 *
 * <p>ACCP's builds for Linux x86_64 and aarch64 are both in the jar ({@link AwsLc}). Where its native library does
 * not load or fails its self-tests (another platform), or
 * where {@code portvakt.keys.native-signing} is false, the JDK signs, and the tokens are the same: RSASSA-PKCS1-v1_5
 * is deterministic, so both give the same bytes for the same key and input.
 */
final class Rs256Signatures {

    private static final Logger log = LoggerFactory.getLogger(Rs256Signatures.class);
    private static final String ALGORITHM = "SHA256withRSA";

    private final Provider provider;
    private final ThreadLocal<Signature> perThread;

    private Rs256Signatures(Provider provider) {
        this.provider = provider;
        this.perThread = ThreadLocal.withInitial(() -> {
            try {
                return provider == null ? Signature.getInstance(ALGORITHM) : Signature.getInstance(ALGORITHM, provider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is missing from " + describe(provider), e);
            }
        });
    }

    /** AWS-LC if allowed and healthy on this machine, else the JDK. */
    static Rs256Signatures choose(boolean nativeAllowed) {
        if (!nativeAllowed) {
            log.info("RS256 signatures by the JDK (portvakt.keys.native-signing is false)");
            return new Rs256Signatures(null);
        }
        AwsLc.Loaded accp = AwsLc.forThisMachine();
        if (accp.unusable() != null) {
            log.info("RS256 signatures by the JDK: AWS-LC is not usable here ({})", accp.unusable().toString());
            return new Rs256Signatures(null);
        }
        Rs256Signatures chosen = new Rs256Signatures(accp.provider());
        log.info("RS256 signatures by {}", chosen.description());
        return chosen;
    }

    /**
     * Signs with the JDK's form of the key. ACCP converts it into AWS-LC's form once per thread's {@code Signature}
     * and keeps that copy while the same key object comes back; a converted key shared by all threads would not do:
     * ACCP marks a converted key ephemeral, and the first thread to sign with the next key (after a rotation)
     * would destroy it under the others.
     */
    byte[] sign(PrivateKey key, byte[] signingInput) throws GeneralSecurityException {
        Signature rs256 = perThread.get();
        rs256.initSign(key);
        rs256.update(signingInput);
        return rs256.sign();
    }

    /** Which provider signs, for the start-up log and the benchmark's report. */
    String description() {
        return describe(provider);
    }

    private static String describe(Provider provider) {
        return provider == null ? "the JDK" : "AWS-LC (" + provider.getName() + " " + provider.getVersionStr() + ")";
    }
}
