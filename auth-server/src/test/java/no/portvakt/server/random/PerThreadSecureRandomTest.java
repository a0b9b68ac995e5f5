package no.portvakt.server.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The default SecureRandom that main() installs: the JDK's DRBG, one per thread, without a shared lock. */
class PerThreadSecureRandomTest {

    @Test
    void onceInstalledItIsTheDefaultAndEveryThreadDrawsItsOwnBytes() throws Exception {
        PerThreadSecureRandom.install();
        PerThreadSecureRandom.install(); // twice is harmless

        SecureRandom random = new SecureRandom();
        assertThat(random.getAlgorithm()).isEqualTo(PerThreadSecureRandom.ALGORITHM);
        Set<String> drawn = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    byte[] bytes = new byte[16];
                    random.nextBytes(bytes);
                    drawn.add(java.util.HexFormat.of().formatHex(bytes));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // No two draws alike across threads (each DRBG is seeded on its own), and UUIDs still work.
        assertThat(drawn).hasSize(8_000);
        assertThat(UUID.randomUUID().version()).isEqualTo(4);
    }
}
