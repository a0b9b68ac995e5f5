package no.portvakt.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The dev run on other ports: {@code PORT} and {@code DEMO_PARTNER_PORT} alone move everything that names them,
 * Portvakt's issuer and the demo partner's URL in the demo bootstrap (its redirect URIs, APIs and PVK delivery).
 */
class DevRunPortsTest {

    @Test
    void portAndDemoPartnerPortAloneMoveTheIssuerAndThePartnersUrls() throws IOException {
        StandardEnvironment moved = environment(Map.of("PORT", "9180", "DEMO_PARTNER_PORT", "9181"));
        assertThat(moved.getProperty("portvakt.issuer")).isEqualTo("http://localhost:9180");
        assertThat(moved.getProperty("demo.partner.url")).isEqualTo("http://localhost:9181");

        StandardEnvironment usual = environment(Map.of());
        assertThat(usual.getProperty("portvakt.issuer")).isEqualTo("http://localhost:8080");
        assertThat(usual.getProperty("demo.partner.url")).isEqualTo("http://localhost:8081");
    }

    /** The dev profile's settings over the defaults, with {@code variables} as the environment. */
    private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.addFirst(new MapPropertySource("variables", variables));
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        yaml.load("dev", new ClassPathResource("application-dev.yml")).forEach(sources::addLast);
        yaml.load("defaults", new ClassPathResource("application.yml")).forEach(sources::addLast);
        return environment;
    }
}
