package no.portvakt.server.random;

import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.util.Map;

/**
 * The JVM's default {@link SecureRandom}, one DRBG per thread. The JDK's default (NativePRNG, or DRBG) is a single
 * instance behind a lock, and every token takes random bytes from it several times ({@code UUID.randomUUID()} for
 * its jti and the framework's authorization id): under load on two cores the lock's holder is preempted and the
 * request threads queue behind it, which showed as the token endpoint's longest waits. Each thread's DRBG
 * (NIST SP 800-90A Hash_DRBG, the JDK's own) is seeded separately from the operating system.
 */
public final class PerThreadSecureRandom extends SecureRandomSpi {

    static final String ALGORITHM = "PortvaktPerThreadDRBG";
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(PerThreadSecureRandom::drbg);

    /** Makes it the default for {@code new SecureRandom()}; call first thing in {@code main}. */
    public static void install() {
        if (Security.getProvider(RandomProvider.NAME) == null) {
            Security.insertProviderAt(new RandomProvider(), 1);
        }
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG", "SUN");
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("The JDK's DRBG is not available", e);
        }
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
        RANDOM.get().setSeed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
        RANDOM.get().nextBytes(bytes);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
        return RANDOM.get().generateSeed(numBytes);
    }

    static final class RandomProvider extends Provider {

        static final String NAME = "PortvaktRandom";
        private static final long serialVersionUID = 1L;

        RandomProvider() {
            super(NAME, "1.0", "One DRBG per thread, as the default SecureRandom");
            // ThreadSafe: SecureRandom then calls the SPI without a lock of its own.
            putService(new Service(this, "SecureRandom", ALGORITHM, PerThreadSecureRandom.class.getName(), null,
                    Map.of("ThreadSafe", "true")));
        }
    }
}
