package no.portvakt.db;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before any bean exists, in this order:
 * <ol>
 *   <li>{@code spring.datasource.url} (or {@code SPRING_DATASOURCE_URL}): used as configured;</li>
 *   <li>{@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}: the tests' and CI's way to name a server;</li>
 *   <li>otherwise, when {@code portvakt.embedded-db.enabled} is true (the default) and the embedded PostgreSQL is
 *       on the class path (the dev run, the tests; never the production jar), one whose data lives in
 *       {@code portvakt.embedded-db.data-dir} (default {@code .portvakt/pgdata}).</li>
 * </ol>
 * With none of them, start-up stops and says what to set.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "portvaktDatabase";
    private static final String EMBEDDED = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        String dbUrl = env.getProperty("DB_URL");
        if (StringUtils.hasText(dbUrl)) {
            props.put("spring.datasource.url", dbUrl);
            props.put("spring.datasource.username", env.getProperty("DB_USER", "postgres"));
            props.put("spring.datasource.password", env.getProperty("DB_PASSWORD", ""));
        } else if (env.getProperty("portvakt.embedded-db.enabled", Boolean.class, true)) {
            if (!ClassUtils.isPresent(EMBEDDED, getClass().getClassLoader())) {
                throw new IllegalStateException("No database: set SPRING_DATASOURCE_URL (with "
                        + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD) to your PostgreSQL. The embedded "
                        + "one is for the dev run and the tests only, and is not in this jar.");
            }
            Path dataDir = Path.of(env.getProperty("portvakt.embedded-db.data-dir", ".portvakt/pgdata"));
            boolean clean = env.getProperty("portvakt.embedded-db.clean-on-start", Boolean.class, false);
            EmbeddedPostgresServer server = EmbeddedPostgresServer.forDirectory(dataDir, clean);
            props.put("spring.datasource.url", server.jdbcUrl());
            props.put("spring.datasource.username", server.username());
            props.put("spring.datasource.password", "");
        } else {
            return;
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    @Override
    public int getOrder() {
        // After the config files are read, so application.yml and profiles can set the embedded-db properties.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
