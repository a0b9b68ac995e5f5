package no.portvakt.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TOTP against RFC 6238's test vectors (Appendix B, SHA-1, the last six digits), and its base32 form. */
class TotpTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theCodesAreRfc6238s() {
        assertThat(Totp.code(SECRET, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(SECRET, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(SECRET, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    void aCodeIsValidForItsStepAndOneEitherSideOnly() {
        Instant at = Instant.ofEpochSecond(1111111109L);
        assertThat(Totp.verify(SECRET, "081804", at)).hasValue(1111111109L / 30);
        assertThat(Totp.verify(SECRET, "081804", at.plusSeconds(30))).isPresent();
        assertThat(Totp.verify(SECRET, "081804", at.plusSeconds(90))).isEmpty();
        assertThat(Totp.verify(SECRET, "81804", at)).isEmpty();
        assertThat(Totp.verify(SECRET, null, at)).isEmpty();
    }

    @Test
    void base32RoundTrips() {
        assertThat(Totp.base32(SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.fromBase32(Totp.base32(SECRET))).isEqualTo(SECRET);
    }
}
