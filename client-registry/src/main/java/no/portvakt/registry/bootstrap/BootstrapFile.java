package no.portvakt.registry.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The parsed bootstrap file: the top-level entry from which each section reads its part. */
public final class BootstrapFile {

    private final Entry root;

    private BootstrapFile(Entry root) {
        this.root = root;
    }

    public Entry root() {
        return root;
    }

    /**
     * Reads the file; {@code placeholders} resolves {@code ${NAME}} in its text first (Spring's environment in the
     * application), so secrets and hosts can come from environment variables instead of the file.
     */
    public static BootstrapFile read(Resource resource, UnaryOperator<String> placeholders) {
        String name = describe(resource);
        if (!resource.exists()) {
            throw new BootstrapException(name + ": the bootstrap file does not exist");
        }
        try {
            String text = placeholders.apply(resource.getContentAsString(StandardCharsets.UTF_8));
            // SafeConstructor: a bootstrap file builds maps, lists and scalars, never arbitrary Java objects.
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (document == null) {
                return new BootstrapFile(new Entry(name, "", Map.of()));
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new BootstrapException(name + ": the top level must be a mapping (partners:, citizens:)");
            }
            return new BootstrapFile(new Entry(name, "", map));
        } catch (YAMLException e) {
            throw new BootstrapException(name + ": not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BootstrapException(name + ": cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BootstrapException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A document already parsed (a JSON import), named {@code name} in every message. No placeholders: an uploaded
     * document must never be able to read the environment.
     */
    public static BootstrapFile of(String name, Map<?, ?> document) {
        return new BootstrapFile(new Entry(name, "", document));
    }

    private static String describe(Resource resource) {
        try {
            Path path = resource.getFile().toPath();
            return Files.exists(path) ? path.toAbsolutePath().normalize().toString() : path.toString();
        } catch (IOException | UnsupportedOperationException e) {
            return resource.getDescription();
        }
    }
}
