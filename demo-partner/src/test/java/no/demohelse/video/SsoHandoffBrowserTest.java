package no.demohelse.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import no.portvakt.server.PortvaktApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The SSO handoff in a real browser (headless Chromium), exactly as a citizen clicks it in the dev run: log in on
 * the portal, choose whom to act for, click the partner's link on the portal page, consent to the portal API
 * scope, and land in the partner, which shows the claims it received and what the portal API answered; then log
 * out at the partner, which ends the session at Portvakt too.
 */
class SsoHandoffBrowserTest {

    private static final String OLA = "28816196088";
    private static final String NORA = "10831552064";

    private static ConfigurableApplicationContext portvakt;
    private static ConfigurableApplicationContext partner;
    private static WebDriver browser;
    private static String portal;
    private static String partnerUrl;

    @BeforeAll
    static void start() throws IOException {
        int portvaktPort = freePort();
        int partnerPort = freePort();
        portal = "http://localhost:" + portvaktPort;
        partnerUrl = "http://localhost:" + partnerPort;
        portvakt = new SpringApplicationBuilder(PortvaktApplication.class).run(
                "--server.port=" + portvaktPort, "--portvakt.issuer=" + portal,
                "--portvakt.bootstrap=file:../config/bootstrap-demo.yml", "--demo.partner.url=" + partnerUrl,
                "--portvakt.testid.enabled=true", "--portvakt.representation.teen-scopes=portal:appointments.read",
                "--portvakt.embedded-db.data-dir=target/pgdata-e2e", "--portvakt.embedded-db.clean-on-start=true",
                "--portvakt.keys.kek=" + random(32), "--portvakt.subject.pairwise-secret=" + random(32),
                "--logging.level.root=WARN");
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        partner = DemoPartnerApplication.start("--server.port=" + partnerPort, "--demo.url=" + partnerUrl,
                "--demo.portvakt-issuer=" + portal);
        browser = chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (partner != null) {
            partner.close();
        }
        if (portvakt != null) {
            portvakt.close();
        }
    }

    @Test
    void aParentLogsInOnThePortalAndClicksThroughToThePartnerActingForTheirChild() {
        browser.get(portal + "/");
        assertThat(browser.getCurrentUrl()).startsWith(portal + "/login");
        browser.findElement(By.cssSelector("input[name=pid][value='" + OLA + "']")).click();
        browser.findElement(By.cssSelector("form[action$='/login/testid'] button[type=submit]")).click();

        assertThat(browser.getCurrentUrl()).startsWith(portal + "/representation");
        browser.findElement(By.cssSelector("input[name=pid][value='" + NORA + "']")).click();
        browser.findElement(By.cssSelector("form[action$='/representation'] button[type=submit]")).click();

        assertThat(java.net.URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/");
        assertThat(browser.findElement(By.id("main")).getText()).contains("Nora Nordmann");
        browser.findElement(By.linkText("Demo videokonsultasjon")).click();

        // Portvakt saw the session: no login page, only the consent to the portal API's scope.
        assertThat(browser.getCurrentUrl()).startsWith(portal + "/consent");
        assertThat(browser.findElement(By.id("main")).getText()).contains("Demo videokonsultasjon",
                "Se timeavtalene dine", "Nora Nordmann");
        browser.findElement(By.cssSelector("input[type=checkbox][value='portal:appointments.read']")).click();
        browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(partnerUrl + "/claims"));
        assertThat(browser.findElement(By.id("relation")).getText()).isEqualTo("parent");
        assertThat(browser.findElement(By.id("represented")).getText()).isEqualTo("Nora Nordmann");
        assertThat(browser.findElement(By.id("api-for")).getText()).isEqualTo("Nora Nordmann");
        assertThat(browser.findElement(By.id("scopes")).getText()).contains("portal:appointments.read");
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("Ola Nordmann", "idporten-loa-");

        // Logging out at the partner ends the portal session as well (the partner's logout is shared).
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(partnerUrl + "/"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("ikke logget inn");
        browser.get(portal + "/");
        assertThat(browser.getCurrentUrl()).startsWith(portal + "/login");
    }

    private static WebDriver chromium() throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic",
                "--user-data-dir=" + Files.createTempDirectory("chromium-e2e").toAbsolutePath());
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "nb-NO,nb"));
        return new ChromeDriver(service, options);
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
