package no.portvakt.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AWS-LC signs where it loads, and its tokens are the ones the JDK would have signed, bit for bit. */
class Rs256SignaturesTest {

    private static final byte[] SIGNING_INPUT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0".getBytes(StandardCharsets.US_ASCII);
    private static KeyPair keys;

    @BeforeAll
    static void generateKey() throws Exception {
        keys = generator().generateKeyPair();
    }

    private static KeyPairGenerator generator() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator;
    }

    @Test
    void awsLcSignsOnLinuxX8664AndItsSignatureIsTheJdksByteForByte() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "AWS-LC's native library is bundled for Linux x86_64");
        Rs256Signatures awsLc = Rs256Signatures.choose(true);
        Rs256Signatures jdk = Rs256Signatures.choose(false);
        assertThat(awsLc.description()).startsWith("AWS-LC");
        assertThat(jdk.description()).isEqualTo("the JDK");

        byte[] byAwsLc = awsLc.sign(keys.getPrivate(), SIGNING_INPUT);
        // RSASSA-PKCS1-v1_5 is deterministic: another implementation of it must give the same bytes.
        assertThat(byAwsLc).isEqualTo(jdk.sign(keys.getPrivate(), SIGNING_INPUT));
        assertThat(jdkVerifies(byAwsLc, SIGNING_INPUT)).isTrue();
        assertThat(jdkVerifies(byAwsLc, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiIn0".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
    }

    /**
     * Each Linux build of AWS-LC is in the jar: one on the class path, the aarch64 one as a resource loaded by a class
     * loader of its own. Here (x86_64), that way of loading gives a healthy provider from the x86_64 jar, and the
     * aarch64 build is found and refused for this processor, with the reason, so the JDK would sign.
     */
    @Test
    void theAarch64BuildIsBundledAndLoadedByItsOwnClassLoaderWhereTheProcessorFits() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "run where the x86_64 build fits");
        java.nio.file.Path x8664 = java.nio.file.Path.of(com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider
                .class.getProtectionDomain().getCodeSource().getLocation().toURI());
        AwsLc.Loaded own = AwsLc.fromJar(x8664);
        assertThat(own.unusable()).isNull();
        assertThat(own.provider().getClass().getClassLoader())
                .isNotSameAs(com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.class.getClassLoader());
        Signature rs256 = Signature.getInstance("SHA256withRSA", own.provider());
        rs256.initSign(keys.getPrivate());
        rs256.update(SIGNING_INPUT);
        assertThat(jdkVerifies(rs256.sign(), SIGNING_INPUT)).isTrue();

        AwsLc.Loaded aarch64 = AwsLc.fromBundledJar(AwsLc.AARCH64);
        assertThat(aarch64.unusable()).as("the aarch64 build, bundled, refused on x86_64").isNotNull()
                .isNotInstanceOf(IllegalStateException.class);
        assertThat(AwsLc.fromBundledJar("accp/none.jar").unusable()).hasMessageContaining("not bundled");
    }

    @Test
    void aThreadThatMovesOnToTheNextKeyLeavesTheOldKeyUsableOnTheOthers() throws Exception {
        Rs256Signatures signatures = Rs256Signatures.choose(true);
        PrivateKey next = generator().generateKeyPair().getPrivate();
        signatures.sign(keys.getPrivate(), SIGNING_INPUT);
        // A rotation: this thread signs with the next key; a request on another thread still has the old one.
        signatures.sign(next, SIGNING_INPUT);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            byte[] byOtherThread = other.submit(() -> signatures.sign(keys.getPrivate(), SIGNING_INPUT)).get();
            assertThat(jdkVerifies(byOtherThread, SIGNING_INPUT)).isTrue();
        } finally {
            other.shutdown();
        }
        assertThat(jdkVerifies(signatures.sign(keys.getPrivate(), SIGNING_INPUT), SIGNING_INPUT)).isTrue();
    }

    @Test
    void whereAwsLcDoesNotLoadTheJdkSigns() throws Exception {
        // A JVM of its own, where ACCP is told to skip its bundled library (as on a platform it has none for).
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true",
                "-cp", System.getProperty("java.class.path"), WithoutAwsLc.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(output).isZero();
        assertThat(output).contains("RS256 signatures by the JDK: AWS-LC is not usable here")
                .contains("SIGNED BY the JDK, VERIFIED true");
    }

    /** Run by {@link #whereAwsLcDoesNotLoadTheJdkSigns} in its own JVM. */
    static final class WithoutAwsLc {
        public static void main(String[] args) throws Exception {
            generateKey();
            Rs256Signatures signatures = Rs256Signatures.choose(true);
            byte[] signature = signatures.sign(keys.getPrivate(), SIGNING_INPUT);
            System.out.println("SIGNED BY " + signatures.description() + ", VERIFIED "
                    + jdkVerifies(signature, SIGNING_INPUT));
        }
    }

    private static boolean jdkVerifies(byte[] signature, byte[] input) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update(input);
        return rs256.verify(signature);
    }
}
