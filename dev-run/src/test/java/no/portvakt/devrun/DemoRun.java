package no.portvakt.devrun;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import no.demohelse.video.DemoPartnerApplication;
import no.portvakt.server.PortvaktApplication;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Portvakt and the demo partner as the dev run starts them (the demo bootstrap, TestID, the partner on a port of
 * its own), and a headless Chromium: started once for every browser test in the JVM, and stopped after the last
 * (a resource in JUnit's root store), so the suite pays for one start.
 */
record DemoRun(ConfigurableApplicationContext portvakt, ConfigurableApplicationContext partner, WebDriver browser,
               String portal, String partnerUrl, RSAKey pvkKey) implements ExtensionContext.Store.CloseableResource {

    /** Hands a test class the run: {@code @ExtendWith(DemoRun.Resolver.class)}, then a {@code DemoRun} parameter. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DemoRun.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return of(context);
        }
    }

    /** The run for this JVM, started by the first test class that asks. */
    private static DemoRun of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(DemoRun.class, key -> start(), DemoRun.class);
    }

    private static DemoRun start() {
        try {
            RSAKey pvkKey = new RSAKeyGenerator(2048).keyID("pvk-test").generate();
            int portvaktPort = freePort();
            int partnerPort = freePort();
            String portal = "http://localhost:" + portvaktPort;
            String partnerUrl = "http://localhost:" + partnerPort;
            String[] db = database();
            ConfigurableApplicationContext portvakt = new SpringApplicationBuilder(PortvaktApplication.class).run(
                    "--server.port=" + portvaktPort, "--portvakt.issuer=" + portal,
                    "--portvakt.bootstrap=file:../config/bootstrap-demo.yml", "--demo.partner.url=" + partnerUrl,
                    "--portvakt.testid.enabled=true",
                    "--portvakt.representation.teen-scopes=portal:appointments.read",
                    db[0], db[1], db[2],
                    "--portvakt.keys.kek=" + random(32), "--portvakt.subject.pairwise-secret=" + random(32),
                    "--portvakt.pvk.client-jwk=" + pvkKey.toJSONString(),
                    "--portvakt.pvk.public-jwks=" + new JWKSet(pvkKey.toPublicJWK()),
                    // Demo Helse runs on this machine, over http: Portvakt may deliver to it (as the dev run may).
                    "--portvakt.outbound.allow-local-targets=true",
                    "--logging.level.root=WARN");
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
            ConfigurableApplicationContext partner = DemoPartnerApplication.start("--server.port=" + partnerPort,
                    "--demo.url=" + partnerUrl, "--demo.portvakt-issuer=" + portal);
            return new DemoRun(portvakt, partner, chromium(), portal, partnerUrl, pvkKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whatever another test left in the browser is gone: no session at Portvakt or the partner (both localhost). */
    void freshSession() {
        browser.get(portal + "/css/portvakt.css");
        browser.manage().deleteAllCookies();
    }

    /** Waits for a navigation the last click started (a click returns before the next page has loaded). */
    void waitFor(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }

    @Override
    public void close() {
        browser.quit();
        partner.close();
        portvakt.close();
    }

    private static WebDriver chromium() throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-e2e").toAbsolutePath());
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "nb-NO,nb"));
        ChromeDriver chromium = new ChromeDriver(service, options);
        chromium.manage().timeouts().scriptTimeout(Duration.ofSeconds(60)); // axe-core on a page
        return chromium;
    }

    /**
     * A database of its own: the embedded one in target/, or, when CI names a server (DB_URL), a fresh database on
     * it (the server also holds the auth-server tests' database, whose keys are sealed with another KEK).
     */
    private static String[] database() {
        String url = System.getenv("DB_URL");
        if (url == null || url.isBlank()) {
            return new String[] {"--portvakt.embedded-db.data-dir=target/pgdata-e2e",
                    "--portvakt.embedded-db.clean-on-start=true", "--portvakt.embedded-db.enabled=true"};
        }
        String user = System.getenv().getOrDefault("DB_USER", "postgres");
        String password = System.getenv().getOrDefault("DB_PASSWORD", "");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, password);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists portvakt_e2e");
            statement.execute("create database portvakt_e2e");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the end-to-end test's database", e);
        }
        return new String[] {"--spring.datasource.url=" + url.replaceFirst("/[^/?]+(\\?|$)", "/portvakt_e2e$1"),
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password};
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
