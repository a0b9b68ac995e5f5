import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * private_key_jwt client assertions for the benchmark (RFC 7523 §2.2), signed RS256 ahead of the run so that the
 * load tool sends a fresh one (its own jti) with every request without spending the machine's CPU on signing
 * while Portvakt is measured. Each lives 120 s, Portvakt's limit.
 *
 *   java bench/AssertionPool.java key DIR           writes DIR/key.pk8 and DIR/jwks.json
 *   java [-cp AmazonCorrettoCryptoProvider.jar] bench/AssertionPool.java sign DIR N ISSUER CLIENT_ID
 *                                                   writes N assertions to DIR/assertions.txt
 */
public class AssertionPool {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("key")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.write(dir.resolve("key.pk8"), keys.getPrivate().getEncoded());
            RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
            Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench-1\",\"use\":\"sig\","
                    + "\"alg\":\"RS256\",\"n\":\"" + B64.encodeToString(unsigned(pub.getModulus().toByteArray()))
                    + "\",\"e\":\"" + B64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())) + "\"}]}");
            return;
        }
        int count = Integer.parseInt(args[2]);
        String issuer = args[3];
        String clientId = args[4];
        PrivateKey key = (AWS_LC == null ? KeyFactory.getInstance("RSA") : KeyFactory.getInstance("RSA", AWS_LC))
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("key.pk8"))));
        String header = B64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"bench-1\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        List<String> assertions = IntStream.range(0, count).parallel().mapToObj(i -> {
            String claims = "{\"iss\":\"" + clientId + "\",\"sub\":\"" + clientId + "\",\"aud\":\"" + issuer
                    + "\",\"iat\":" + now + ",\"exp\":" + (now + 120) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
            String input = header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            try {
                Signature rs256 = rs256();
                rs256.initSign(key);
                rs256.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + B64.encodeToString(rs256.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        Files.write(dir.resolve("assertions.txt"), assertions);
    }

    /** AWS-LC where its jar is on the class path and loads (it signs the pool several times as fast), else the JDK. */
    private static final Provider AWS_LC = ServiceLoader.load(Provider.class).stream().map(ServiceLoader.Provider::get)
            .filter(p -> p.getName().equals("AmazonCorrettoCryptoProvider"))
            .filter(p -> p.getService("Signature", "SHA256withRSA") != null).findFirst().orElse(null);

    private static Signature rs256() throws java.security.GeneralSecurityException {
        return AWS_LC == null ? Signature.getInstance("SHA256withRSA") : Signature.getInstance("SHA256withRSA", AWS_LC);
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
