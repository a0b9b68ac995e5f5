package no.portvakt.devrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import no.portvakt.registry.console.Administrators;
import no.portvakt.registry.console.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every page a citizen, an operator or a partner's staff sees, in bokmål, nynorsk and English, checked in Chromium
 * by axe-core (from the npm registry, pinned in {@code accessibility/package-lock.json}) against WCAG 2.1 A and
 * AA: any violation fails, named by page, language, rule and element. On a 375 px wide phone the login page's
 * radio buttons sit beside their labels. The screenshots in {@code docs/screenshots/} (and the README) are made
 * here, from the pages as they are, when asked for (see {@link #SCREENSHOTS}).
 */
@ExtendWith(DemoRun.Resolver.class)
class AccessibilityTest {

    private static final Path AXE = Path.of("accessibility", "node_modules", "axe-core", "axe.min.js");
    /** The pictures go to target/, and to docs/ when asked (-Dportvakt.screenshots.docs=true), not on every run. */
    private static final Path SCREENSHOTS = Boolean.getBoolean("portvakt.screenshots.docs")
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots", "accessibility");
    private static final List<String> LANGUAGES = List.of("nb", "nn", "en");
    private static final String OLA = "28816196088";
    private static final String RECORDING_CONSENT = "5b1d8c3e-2f47-4e0a-9c61-7d2a4f9e0b13";
    /** WCAG 2.1 A and AA, as axe-core tags its rules. */
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then(result => done(result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                   + v.nodes.map(n => n.target.join(' ')).join(', '))))
               .catch(error => done(['axe failed: ' + error]));
            """;

    private static final String PORTAL_SYSTEM = "portal-system:portal-system-secret-for-the-dev-run-only-0123456789";

    private static DemoRun run;
    private static ConfigurableApplicationContext portvakt;
    private static WebDriver browser;
    private static String portal;
    private static String axe;
    private final List<String> violations = new ArrayList<>();
    private String language;

    @BeforeAll
    static void start(DemoRun demo) throws IOException {
        run = demo;
        portvakt = run.portvakt();
        browser = run.browser();
        portal = run.portal();
        axe = Files.readString(AXE);
    }

    @Test
    void everyCitizenPageMeetsWcag21AaInEachLanguage() throws IOException {
        for (String lang : LANGUAGES) {
            language = lang;
            run.freshSession();
            open("/login?lang=" + lang);
            check("login");
            screenshot(lang, "login");
            browser.findElement(By.id("pid-other")).sendKeys("12345678901");
            submit("form[action$='/login/testid']");
            check("login with an error");

            open("/login");
            browser.findElement(By.cssSelector("input[name=pid][value='" + OLA + "']")).click();
            submit("form[action$='/login/testid']");
            run.waitFor(ExpectedConditions.urlContains("/representation"));
            check("representation");
            browser.findElement(By.cssSelector("input[name=pid][value='" + OLA + "']")).click();
            submit("form[action$='/representation']");
            run.waitFor(ExpectedConditions.urlMatches("^" + portal + "/(\\?.*)?$"));
            check("home");
            screenshot(lang, "home");
            fetchedWhileOlaWasAway(); // an entry in his access log
            for (String page : List.of("/consents", "/personvern", "/personvern/" + RECORDING_CONSENT,
                    "/personvern/" + RECORDING_CONSENT + "/endre?aktiv=true", "/innsyn")) {
                open(page);
                check(page);
            }
            screenshot(lang, "access-log");

            // The partner's link: Ola has not consented for himself, so the consent page (left undecided).
            open("/");
            browser.findElement(By.linkText("Demo videokonsultasjon")).click();
            run.waitFor(ExpectedConditions.urlContains(portal + "/consent"));
            check("consent");
            screenshot(lang, "consent");

            open("/oauth2/authorize?response_type=code&scope=openid&client_id=no-such-client");
            check("error");
            screenshot(lang, "error");
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyConsolePageMeetsWcag21AaInEachLanguage() throws IOException {
        for (String lang : LANGUAGES) {
            language = lang;
            run.freshSession();
            open("/console/login?lang=" + lang);
            check("console login");
            logIn("/console", "axe-admin-" + lang, "admin", null);
            check("console: partners");
            screenshot(lang, "console");
            for (String page : List.of("/console/partners/demo-helse", "/console/partners/new",
                    "/console/partners/demo-helse/clients/new", "/console/partners/demo-helse/apis/new",
                    "/console/apis", "/console/clients/pending", "/console/keys", "/console/pvk",
                    "/console/pvk/definitions/new", "/console/pvk/subscriptions/new", "/console/changes",
                    "/console/passkeys")) {
                open(page);
                check(page);
            }
            open("/console/pvk");
            browser.findElement(By.cssSelector("main a[href*='/console/pvk/subscriptions/']:not([href$='/new'])"))
                    .click();
            check("console: a PVK subscription");
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPartnerPageMeetsWcag21AaInEachLanguage() throws IOException {
        for (String lang : LANGUAGES) {
            language = lang;
            run.freshSession();
            open("/partner/login?lang=" + lang);
            check("partner login");
            logIn("/partner", "axe-partner-" + lang, "partner", "demo-helse");
            check("partner: clients");
            open("/partner/clients/demo-video");
            check("partner: a client");
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onAPhoneTheRadioButtonsSitBesideTheirLabels() throws IOException {
        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(375, 812));
            run.freshSession();
            open("/login?lang=nb");
            List<WebElement> radios = browser.findElements(By.cssSelector("input[type=radio]"));
            assertThat(radios).hasSizeGreaterThan(3);
            for (WebElement radio : radios) {
                Rectangle box = radio.getRect();
                Rectangle label = browser.findElement(By.cssSelector("label[for='" + radio.getAttribute("id") + "']"))
                        .getRect();
                assertThat(label.getX()).as(radio.getAttribute("id") + ": the label to the right")
                        .isGreaterThan(box.getX() + box.getWidth());
                assertThat(label.getY()).as(radio.getAttribute("id") + ": on the same line")
                        .isLessThan(box.getY() + box.getHeight());
            }
            screenshot("nb", "login-phone");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    /** The portal fetches Ola's journal at Demo Helse with a SystemToken naming him, as it does with nobody logged in. */
    private static void fetchedWhileOlaWasAway() throws IOException {
        String journal = run.partnerUrl() + "/journal-api";
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(portal + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(PORTAL_SYSTEM.getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&scope=demo-helse%3Ajournal.read&resource=" + URLEncoder.encode(journal, StandardCharsets.UTF_8)
                        + "&authorization_details=" + URLEncoder.encode("[{\"type\":\"citizen\",\"pid\":\"" + OLA
                        + "\"}]", StandardCharsets.UTF_8))).build());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    /** A new account of {@code role}, logged in with its password and code on the login page shown. */
    private static void logIn(String home, String username, String role, String partnerId) {
        Administrators.Enrollment account = portvakt.getBean(Administrators.class)
                .create(username, role, partnerId, "accessibility test", "Portvakt").orElseThrow();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(account.password());
        browser.findElement(By.id("code")).sendKeys(Totp.code(Totp.fromBase32(account.totpSecret()),
                Instant.now().getEpochSecond() / 30));
        submit("main form[action$='/login']");
        run.waitFor(ExpectedConditions.urlToBe(portal + home));
    }

    /** axe-core on the page shown, its findings kept; and the page in the language chosen. */
    private void check(String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) js.executeAsyncScript(AXE_RUN);
        String where = page + " [" + language + "] " + browser.getCurrentUrl();
        found.forEach(violation -> violations.add(where + ": " + violation));
        String lang = browser.findElement(By.tagName("html")).getAttribute("lang");
        if (!language.equals(lang.toLowerCase(Locale.ROOT))) {
            violations.add(where + ": html lang is '" + lang + "'");
        }
    }

    private static void open(String path) {
        browser.get(portal + path);
    }

    private static void submit(String form) {
        browser.findElement(By.cssSelector(form + " button[type=submit]")).click();
        run.waitFor(driver ->
                "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** The main pages for the docs and the README: bokmål only, as the README shows them. */
    private static void screenshot(String lang, String name) throws IOException {
        if (lang.equals("nb")) {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }
}
