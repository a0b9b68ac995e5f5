import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's raw RS256 signing rate (SHA256withRSA, 2048-bit keys), on every core for a fixed time: the ceiling
 * a token endpoint that signs each token can approach. Measured twice: with the JDK's own provider (the speed bar's
 * reference, and what most Java servers sign with), and with AWS-LC through the Amazon Corretto Crypto Provider,
 * what Portvakt signs with where it loads, when its jar is on the class path.
 * Usage: java [-cp AmazonCorrettoCryptoProvider.jar] bench/SignRate.java [seconds]
 * Prints: RESULT jdk_per_second=N aws_lc_per_second=N threads=N   (aws_lc_per_second=0 without AWS-LC)
 */
public class SignRate {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        int threads = Runtime.getRuntime().availableProcessors();
        long jdk = rate(keys, null, seconds, threads);
        Provider awsLc = awsLc();
        long awsLcRate = awsLc == null ? 0 : rate(keys, awsLc, seconds, threads);
        System.out.printf("RESULT jdk_per_second=%d aws_lc_per_second=%d threads=%d%n", jdk, awsLcRate, threads);
    }

    private static long rate(KeyPair keys, Provider provider, int seconds, int threads) throws InterruptedException {
        PrivateKey key = keys.getPrivate(); // one key object: each thread's Signature converts it once
        byte[] payload = new byte[600]; // about the size of a token's header and claims
        LongAdder signed = new LongAdder();
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    Signature rs256 = provider == null ? Signature.getInstance("SHA256withRSA")
                            : Signature.getInstance("SHA256withRSA", provider);
                    while (System.nanoTime() < end) {
                        rs256.initSign(key);
                        rs256.update(payload);
                        rs256.sign();
                        if (System.nanoTime() > warmupEnd) {
                            signed.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return Math.round(signed.sum() / (double) seconds);
    }

    /** AWS-LC if its jar is on the class path and its native library loads here, else null. */
    static Provider awsLc() {
        try {
            Provider provider = (Provider) Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider")
                    .getField("INSTANCE").get(null);
            provider.getClass().getMethod("assertHealthy").invoke(provider);
            return provider;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
