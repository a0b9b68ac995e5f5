package no.portvakt.server.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.util.StringUtils;

/**
 * The dev run's secrets: when {@code portvakt.dev-secrets-file} is set (only the dev profile sets it), a
 * key-encryption key, a pairwise-subject secret and PVK's client key pair are generated once into that file (mode
 * 600) and read from it at every start, so tokens and keys survive restarts. Anything configured explicitly wins.
 * Production sets no such file and must configure the secrets and PVK's key.
 */
public class DevSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String KEK = "portvakt.keys.kek";
    static final String PAIRWISE = "portvakt.subject.pairwise-secret";
    static final String PVK_KEY = "portvakt.pvk.client-jwk";
    /** The public half of PVK's key, for the demo bootstrap file's registration of PVK's client. */
    static final String PVK_PUBLIC_JWKS = "portvakt.pvk.public-jwks";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String file = env.getProperty("portvakt.dev-secrets-file");
        if (!StringUtils.hasText(file)) {
            return;
        }
        Path path = Path.of(file);
        Properties secrets = new Properties();
        try {
            if (Files.exists(path)) {
                try (Reader reader = Files.newBufferedReader(path)) {
                    secrets.load(reader);
                }
            }
            boolean changed = generateIfMissing(secrets, KEK) | generateIfMissing(secrets, PAIRWISE)
                    | generatePvkKeyIfMissing(secrets);
            if (changed) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                try (Writer writer = Files.newBufferedWriter(path)) {
                    secrets.store(writer, "Portvakt dev-run secrets. Never use these in production.");
                }
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the dev secrets file " + path, e);
        }
        Properties derived = new Properties();
        derived.putAll(secrets);
        derived.setProperty(PVK_PUBLIC_JWKS, publicJwks(env.getProperty(PVK_KEY, secrets.getProperty(PVK_KEY))));
        env.getPropertySources().addLast(new PropertiesPropertySource("portvaktDevSecrets", derived));
    }

    private static boolean generateIfMissing(Properties secrets, String name) {
        if (secrets.containsKey(name)) {
            return false;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secrets.setProperty(name, Base64.getEncoder().encodeToString(random));
        return true;
    }

    /** PVK's key pair as Portvakt's client (private_key_jwt), RSA 2048 like a partner's. */
    private static boolean generatePvkKeyIfMissing(Properties secrets) {
        if (secrets.containsKey(PVK_KEY)) {
            return false;
        }
        try {
            secrets.setProperty(PVK_KEY, new RSAKeyGenerator(2048).keyID("pvk-dev-" + System.currentTimeMillis())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate().toJSONString());
            return true;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate PVK's dev key", e);
        }
    }

    private static String publicJwks(String privateJwk) {
        try {
            return new JWKSet(RSAKey.parse(privateJwk).toPublicJWK()).toString();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(PVK_KEY + " is not an RSA JWK");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
