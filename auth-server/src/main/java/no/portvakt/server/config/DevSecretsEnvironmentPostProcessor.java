package no.portvakt.server.config;

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
 * key-encryption key and a pairwise-subject secret are generated once into that file (mode 600) and read from it
 * at every start, so tokens and keys survive restarts. Anything configured explicitly wins. Production sets no
 * such file and must configure both secrets.
 */
public class DevSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String KEK = "portvakt.keys.kek";
    static final String PAIRWISE = "portvakt.subject.pairwise-secret";

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
            boolean changed = generateIfMissing(secrets, KEK) | generateIfMissing(secrets, PAIRWISE);
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
        env.getPropertySources().addLast(new PropertiesPropertySource("portvaktDevSecrets", secrets));
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

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
