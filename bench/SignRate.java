import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's raw RS256 signing rate (SHA256withRSA, 2048-bit keys, the JDK provider nimbus uses), on every
 * core for a fixed time: the ceiling a token endpoint that signs each token can approach.
 * Usage: java bench/SignRate.java [seconds]
 */
public class SignRate {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] payload = new byte[600]; // about the size of a token's header and claims
        LongAdder signed = new LongAdder();
        int threads = Runtime.getRuntime().availableProcessors();
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    Signature rs256 = Signature.getInstance("SHA256withRSA");
                    while (System.nanoTime() < end) {
                        rs256.initSign(keys.getPrivate());
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
        System.out.printf("RESULT rs256_signatures_per_second=%.0f threads=%d%n", signed.sum() / (double) seconds,
                threads);
    }
}
