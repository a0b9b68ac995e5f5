package no.portvakt.devrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import no.portvakt.registry.console.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Portvakt and the demo partner in a real browser (headless Chromium), as in the dev run:
 * <ul>
 *   <li>the SSO handoff exactly as a citizen clicks it: log in on the portal, choose whom to act for, click the
 *       partner's link on the portal page, consent to the portal API scope, and land in the partner, which shows
 *       the claims it received and what the portal API answered; then log out at the partner, which ends the
 *       session at Portvakt too;</li>
 *   <li>the admin console, logged in with password and TOTP, then a passkey added and logged in with;</li>
 *   <li>Demo Helse's journal API, a Spring Security resource server, with all three of the portal's tokens: a
 *       SystemToken fetching and one delivering a citizen's journal (situations 3 and 4), and a citizen-bound
 *       token exchanged from a logged-in parent's access token, opening the child's journal (situation 1); a
 *       token for one API is refused by another; a DPoP-bound token works only with a proof by its key; the token
 *       in {@code X-Authorization} beside Basic authentication, and inside SOAP, as the partner guide shows.</li>
 * </ul>
 * Screenshots for reviewers are kept under {@code target/screenshots/}.
 */
@ExtendWith(DemoRun.Resolver.class)
class DemoEndToEndTest {

    private static final String OLA = "28816196088";
    private static final String NORA = "10831552064";
    private static final String PORTAL_SYSTEM = "portal-system:portal-system-secret-for-the-dev-run-only-0123456789";

    private static final String RECORDING_CONSENT = "5b1d8c3e-2f47-4e0a-9c61-7d2a4f9e0b13";

    private static DemoRun run;
    private static ConfigurableApplicationContext portvakt;
    private static WebDriver browser;
    private static String portal;
    private static String partnerUrl;

    @BeforeAll
    static void start(DemoRun demo) {
        run = demo;
        portvakt = run.portvakt();
        browser = run.browser();
        portal = run.portal();
        partnerUrl = run.partnerUrl();
    }

    @Test
    void aParentLogsInOnThePortalAndClicksThroughToThePartnerActingForTheirChild() throws IOException {
        olaLogsInActingForNora();
        assertThat(browser.findElement(By.id("main")).getText()).contains("Nora Nordmann");
        browser.findElement(By.linkText("Demo videokonsultasjon")).click();

        // Portvakt saw the session: no login page, only the consent to the portal API's scope.
        run.waitFor(ExpectedConditions.urlContains(portal + "/consent"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Demo videokonsultasjon",
                "Se timeavtalene til Nora Nordmann");
        screenshot("consent");
        browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();

        run.waitFor(ExpectedConditions.urlToBe(partnerUrl + "/claims"));
        assertThat(browser.findElement(By.id("relation")).getText()).isEqualTo("parent");
        assertThat(browser.findElement(By.id("represented")).getText()).isEqualTo("Nora Nordmann");
        assertThat(browser.findElement(By.id("api-for")).getText()).isEqualTo("Nora Nordmann");
        assertThat(browser.findElement(By.id("scopes")).getText()).contains("portal:appointments.read");
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("Ola Nordmann", "idporten-loa-");
        screenshot("partner-claims");

        // Logging out at the partner ends the portal session as well (the partner's logout is shared).
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        run.waitFor(ExpectedConditions.urlToBe(partnerUrl + "/"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("ikke logget inn");
        browser.get(portal + "/");
        run.waitFor(ExpectedConditions.urlContains(portal + "/login"));
    }

    @Test
    void aParentGivesAConsentForTheirChildOnThePortalAndThePartnerReceivesIt() throws IOException {
        olaLogsInActingForNora();

        browser.findElement(By.cssSelector("a[href='/personvern']")).click();
        run.waitFor(ExpectedConditions.urlToBe(portal + "/personvern"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Innstillinger for Nora Nordmann",
                "Opptak av videokonsultasjoner", "Samtykke er ikke gitt");
        screenshot("privacy-settings");
        browser.findElement(By.cssSelector("a[href='/personvern/" + RECORDING_CONSENT + "']")).click();
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        run.waitFor(ExpectedConditions.urlContains("/endre"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Etter endringen: Samtykke er gitt");
        screenshot("privacy-confirm");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        run.waitFor(ExpectedConditions.urlToBe(portal + "/personvern?changed"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("Innstillingen er endret",
                "Samtykke er gitt");

        // At Demo Helse: the replicated setting, after the citizen's SSO handoff to the partner.
        browser.get(portal + "/");
        browser.findElement(By.linkText("Demo videokonsultasjon")).click();
        run.waitFor(ExpectedConditions.or(ExpectedConditions.urlContains(portal + "/consent"),
                ExpectedConditions.urlToBe(partnerUrl + "/claims")));
        if (browser.getCurrentUrl().contains("/consent")) {
            browser.findElement(By.cssSelector("button[name=decision][value=approve]")).click();
            run.waitFor(ExpectedConditions.urlToBe(partnerUrl + "/claims"));
        }
        browser.findElement(By.id("privacy-link")).click();
        run.waitFor(ExpectedConditions.urlToBe(partnerUrl + "/personvern"));
        assertThat(browser.findElement(By.id("received")).getText())
                .contains(NORA, "Opptak av videokonsultasjoner", "samtykke", "aktiv").doesNotContain("ikke aktiv");
        screenshot("partner-privacy-received");
    }

    @Test
    void aNewcomerLogsInToTheConsoleWithWhatTheDevRunPrintedAndSwitchesItsLanguage() throws IOException {
        Path file = Files.createTempDirectory("dev-run").resolve("dev-operator.txt");
        String told = DevOperator.announce(portvakt, file);
        assertThat(DevOperator.announce(portvakt, file)).as("the same on the next run").isEqualTo(told);
        String password = told.replaceAll("(?s).*password: (\\S+).*", "$1");
        String secret = told.replaceAll("(?s).*otpauth://totp/\\S*[?&]secret=([A-Z2-7]+).*", "$1");
        assertThat(told).contains(portal + "/console", "username: operator");

        run.freshSession();
        browser.get(portal + "/console");
        run.waitFor(ExpectedConditions.urlToBe(portal + "/console/login"));
        browser.findElement(By.id("username")).sendKeys(DevOperator.USERNAME);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("code")).sendKeys(Totp.code(Totp.fromBase32(secret),
                Instant.now().getEpochSecond() / 30));
        browser.findElement(By.cssSelector("form[action$='/console/login'] button")).click();
        run.waitFor(ExpectedConditions.urlToBe(portal + "/console"));

        browser.findElement(By.cssSelector("nav.languages a[hreflang=en]")).click();
        run.waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Partners");
        browser.get(portal + "/console/apis");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as("the choice holds").isEqualTo("en");
        browser.get(portal + "/console?lang=nb");
        browser.findElement(By.cssSelector("form[action$='/console/logout'] button")).click();
        run.waitFor(ExpectedConditions.urlToBe(portal + "/console/login"));
    }

    @Test
    void anAdministratorLogsInToTheConsoleWithPasswordAndOneTimeCodeThenAddsAPasskeyAndLogsInWithIt() throws IOException {
        // The operator automation of the demo data creates the account (admin API), as in production.
        HttpClient http = HttpClient.newHttpClient();
        String token = json(http, HttpRequest.newBuilder(URI.create(portal + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "portal-operator:portal-operator-secret-for-the-dev-run-only-0123456789".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=portvakt.admin"
                        + "&resource=" + URLEncoder.encode(portal + "/admin/api", StandardCharsets.UTF_8)))
                .build()).get("access_token").toString();
        Map<String, Object> account = json(http, HttpRequest.newBuilder(URI.create(portal + "/admin/api/administrators"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"ada\", \"role\": \"admin\"}")).build());

        run.freshSession();
        browser.get(portal + "/console");
        run.waitFor(ExpectedConditions.urlToBe(portal + "/console/login"));
        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys((String) account.get("password"));
        browser.findElement(By.id("code")).sendKeys(Totp.code(Totp.fromBase32((String) account.get("totp_secret")),
                Instant.now().getEpochSecond() / 30));
        browser.findElement(By.cssSelector("form[action$='/console/login'] button")).click();

        run.waitFor(ExpectedConditions.urlToBe(portal + "/console"));
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("Demo Helse AS", "991825827");
        screenshot("console-partners");
        browser.findElement(By.linkText("Demo Helse AS")).click();
        run.waitFor(ExpectedConditions.urlContains("/console/partners/demo-helse"));
        assertThat(browser.findElement(By.id("partner-state")).getText()).isEqualTo("Klarert");
        screenshot("console-partner");

        // Then a passkey, in Chromium's virtual authenticator (CTAP2, discoverable credentials, user verification):
        // added on the passkeys page, and after logging out the login with the passkey alone.
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(
                new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                        .setHasUserVerification(true).setIsUserVerified(true));
        try {
            browser.findElement(By.linkText("Passnøkler")).click();
            run.waitFor(ExpectedConditions.urlToBe(portal + "/console/passkeys"));
            browser.findElement(By.id("passkey-label")).sendKeys("Demo laptop");
            browser.findElement(By.cssSelector("#passkey-add button")).click();
            run.waitFor(ExpectedConditions.urlContains("/console/passkeys?added"));
            assertThat(browser.findElement(By.id("passkeys")).getText()).contains("Demo laptop");
            assertThat(authenticator.getCredentials()).hasSize(1);
            screenshot("console-passkeys");

            browser.findElement(By.cssSelector("form[action$='/console/logout'] button")).click();
            run.waitFor(ExpectedConditions.urlToBe(portal + "/console/login"));
            browser.findElement(By.id("passkey-login-button")).click();
            run.waitFor(ExpectedConditions.urlToBe(portal + "/console"));
            assertThat(browser.findElement(By.tagName("table")).getText()).contains("Demo Helse AS");

            // Removed (confirmed, in the trail), the passkey logs nobody in, though the authenticator still has it.
            browser.get(portal + "/console/passkeys");
            browser.findElement(By.cssSelector("#passkeys input[name='confirm']")).click();
            browser.findElement(By.cssSelector("#passkeys button")).click();
            run.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("no-passkeys")));
            browser.get(portal + "/console/changes");
            assertThat(browser.findElement(By.tagName("table")).getText())
                    .contains("add passkey", "remove passkey", "console:ada");
            browser.findElement(By.cssSelector("form[action$='/console/logout'] button")).click();
            run.waitFor(ExpectedConditions.urlToBe(portal + "/console/login"));
            browser.findElement(By.id("passkey-login-button")).click();
            run.waitFor(ExpectedConditions.urlToBe(portal + "/console/login?error=passkey"));
            assertThat(browser.findElement(By.cssSelector("[role='alert']")).getText()).contains("passnøkkel");
        } finally {
            ((HasVirtualAuthenticator) browser).removeVirtualAuthenticator(authenticator);
        }
    }

    @Test
    void aPortalSystemFetchesAndDeliversACitizensJournalWithSystemTokensAndOnlyThere() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        String journal = partnerUrl + "/journal-api";
        String citizen = "[{\"type\":\"citizen\",\"pid\":\"" + NORA + "\"}]";
        String deliver = systemToken(http, journal, "demo-helse:journal.write", citizen);
        HttpResponse<String> stored = send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + deliver).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"Vaksine satt\"}")).build());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);

        String fetch = systemToken(http, journal, "demo-helse:journal.read", citizen);
        HttpResponse<String> read = send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + fetch).build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(NORA, "Vaksine satt", "portal-system");

        // The read token cannot write, and a token for another API is refused by this one (and the other way).
        assertThat(send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + fetch).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"x\"}")).build()).statusCode()).isEqualTo(403);
        assertThat(send(http, HttpRequest.newBuilder(URI.create(partnerUrl + "/portal-api/appointments"))
                .header("Authorization", "Bearer " + fetch).build()).statusCode()).isEqualTo(401);
        String reference = systemToken(http, journal, "demo-helse:reference.read", null);
        assertThat(send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + reference).build()).statusCode()).isEqualTo(403);
        assertThat(send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + fetch.substring(0, fetch.length() - 4) + "AAAA").build())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void thePortalExchangesALoggedInParentsTokenForACitizenBoundTokenThatOpensTheChildsJournal() throws Exception {
        CookieHandler cookies = new java.net.CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = Pkce.verifier();
        String callback = "http://localhost:8082/callback";
        URI next = URI.create(portal + "/oauth2/authorize?response_type=code&client_id=portal-web&scope=openid"
                + "&state=s1&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + "&code_challenge=" + Pkce.challenge(verifier) + "&code_challenge_method=S256");
        // The portal's login, as a browser without JavaScript goes through it: TestID, then whom to act for.
        next = follow(http, next, callback);
        next = follow(http, post(http, portal + "/login/testid", "pid=" + OLA + "&acr=idporten-loa-substantial",
                csrf(http, portal + "/login")), callback);
        next = follow(http, post(http, portal + "/representation", "pid=" + NORA, csrf(http, portal
                + "/representation")), callback);
        assertThat(next.toString()).startsWith(callback).contains("state=s1");
        String code = next.getQuery().replaceAll(".*code=([^&]+).*", "$1");

        String portalBasic = "Basic " + Base64.getEncoder().encodeToString(
                "portal-web:portal-web-secret-for-the-dev-run-only-0123456789".getBytes());
        String accessToken = json(http, HttpRequest.newBuilder(URI.create(portal + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", portalBasic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                        + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                        + "&code_verifier=" + verifier)).build()).get("access_token").toString();
        String journal = partnerUrl + "/journal-api";
        String citizenBound = json(http, HttpRequest.newBuilder(URI.create(portal + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", portalBasic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                        + URLEncoder.encode("urn:ietf:params:oauth:grant-type:token-exchange", StandardCharsets.UTF_8)
                        + "&subject_token=" + accessToken + "&subject_token_type="
                        + URLEncoder.encode("urn:ietf:params:oauth:token-type:access_token", StandardCharsets.UTF_8)
                        + "&resource=" + URLEncoder.encode(journal, StandardCharsets.UTF_8)
                        + "&scope=demo-helse:journal.read")).build()).get("access_token").toString();

        HttpResponse<String> read = send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + citizenBound).build());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"pid\":\"" + NORA + "\"", "portal-web");
        // The citizen's own access token (for the portal) is no token for the journal API.
        assertThat(send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + accessToken).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void aDpopBoundTokenOpensTheJournalOnlyWithAProofByItsKey() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String entries = partnerUrl + "/journal-api/entries";
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Map<String, Object> issued = tokenResponse(http, PORTAL_SYSTEM, systemTokenForm(partnerUrl + "/journal-api",
                "demo-helse:journal.read", "[{\"type\":\"citizen\",\"pid\":\"" + NORA + "\"}]"),
                dpopProof(key, "POST", portal + "/oauth2/token", null));
        assertThat(issued.get("token_type")).isEqualTo("DPoP");
        String token = issued.get("access_token").toString();

        assertThat(readWithDpop(http, entries, "DPoP " + token, dpopProof(key, "GET", entries, token)).statusCode())
                .isEqualTo(200);
        // RFC 9449 §7: without a proof by its key, the bound token is worth nothing.
        assertThat(send(http, HttpRequest.newBuilder(URI.create(entries)).header("Authorization", "Bearer " + token)
                .build()).statusCode()).isEqualTo(401);
        ECKey thief = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(readWithDpop(http, entries, "DPoP " + token, dpopProof(thief, "GET", entries, token))
                .statusCode()).isEqualTo(401);
        assertThat(readWithDpop(http, entries, "DPoP " + token, dpopProof(key, "GET", partnerUrl
                + "/portal-api/appointments", token)).statusCode()).isEqualTo(401);
        assertThat(readWithDpop(http, entries, "DPoP " + token, dpopProof(key, "GET", entries, "another token"))
                .statusCode()).isEqualTo(401);
        // Nor can it prove its key inside SOAP.
        assertFault(soapCall(http, partnerUrl + "/journal-soap", guideEnvelope(token)), "wsse:InvalidSecurityToken");
    }

    @Test
    void aServiceThatUsesBasicAuthenticationTakesTheTokenInXAuthorization() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        String journal = partnerUrl + "/journal-api";
        String token = systemToken(http, journal, "demo-helse:journal.read",
                "[{\"type\":\"citizen\",\"pid\":\"" + NORA + "\"}]");
        HttpRequest.Builder read = HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("gateway:password".getBytes()))
                .header("X-Authorization", "Bearer " + token);
        HttpResponse<String> answer = send(http, read.build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(NORA);
        // One token per request (RFC 6750 §2): a second one in Authorization is refused, not chosen between.
        assertThat(send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("Authorization", "Bearer " + token).header("X-Authorization", "Bearer " + token).build())
                .statusCode()).isEqualTo(400);
        assertThat(send(http, HttpRequest.newBuilder(URI.create(journal + "/entries"))
                .header("X-Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA").build())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void anOlderServiceTakesTheSameTokenInsideSoap() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        String journal = partnerUrl + "/journal-api";
        String soap = partnerUrl + "/journal-soap";
        String citizen = "[{\"type\":\"citizen\",\"pid\":\"" + NORA + "\"}]";
        String read = systemToken(http, journal, "demo-helse:journal.read", citizen);

        HttpResponse<String> answer = soapCall(http, soap, guideEnvelope(read));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(answer.body()).contains("HentJournalResponse", "<j:pid>" + NORA + "</j:pid>");

        // The same refusals as the REST API's, as WS-Security faults (SOAP 1.1: HTTP 500).
        String adminApi = tokenResponse(http, "portal-operator:portal-operator-secret-for-the-dev-run-only-0123456789",
                systemTokenForm(portal + "/admin/api", "portvakt.audit", null), null).get("access_token").toString();
        assertFault(soapCall(http, soap, guideEnvelope(adminApi)), "wsse:InvalidSecurityToken");
        assertFault(soapCall(http, soap, guideEnvelope(read.substring(0, read.length() - 4) + "AAAA")),
                "wsse:InvalidSecurityToken");
        String write = systemToken(http, journal, "demo-helse:journal.write", citizen);
        assertFault(soapCall(http, soap, guideEnvelope(write)), "wsse:FailedAuthentication");
        assertFault(soapCall(http, soap, guideEnvelope(read).replaceAll("(?s)<soap:Header>.*</soap:Header>", "")),
                "wsse:InvalidSecurity");
        // No DTD is read, so no entity can reach a file or expand: the envelope is refused as it stands.
        assertFault(soapCall(http, soap, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]>" + guideEnvelope(read).replaceFirst("<\\?xml[^>]*>", "")),
                "soap:Client");
    }

    /** The partner guide's SOAP envelope, with the token in its WS-Security header and a call of HentJournal. */
    private static String guideEnvelope(String token) throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "partner-guide.md"));
        int block = guide.indexOf("```xml\n", guide.indexOf("<!-- partner-guide-test: soap-envelope -->"));
        String envelope = guide.substring(block + "```xml\n".length(), guide.indexOf("```", block + 6));
        assertThat(envelope).contains("BASE64_OF_THE_TOKEN", "<!-- your service's operation -->");
        return envelope.replace("BASE64_OF_THE_TOKEN", Base64.getEncoder().encodeToString(token.getBytes()))
                .replace("<!-- your service's operation -->", "<j:HentJournal xmlns:j=\"urn:demohelse:journal:1\"/>");
    }

    private static HttpResponse<String> soapCall(HttpClient http, String url, String envelope) throws IOException {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope)).build());
    }

    private static void assertFault(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(response.body()).contains("<faultcode>" + code + "</faultcode>");
    }

    private static HttpResponse<String> readWithDpop(HttpClient http, String url, String authorization, String proof)
            throws IOException {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("DPoP", proof).build());
    }

    /** A DPoP proof (RFC 9449 §4) for a request, with {@code ath} when it presents {@code accessToken}. */
    private static String dpopProof(ECKey key, String method, String uri, String accessToken) throws Exception {
        DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        return (accessToken == null ? proofs.createDPoPJWT(method, URI.create(uri))
                : proofs.createDPoPJWT(method, URI.create(uri), new DPoPAccessToken(accessToken))).serialize();
    }

    /** Follows redirects on Portvakt until the browser would leave it for {@code stopAt}; answers the last URI. */
    private static URI follow(HttpClient http, URI uri, String stopAt) throws IOException {
        URI current = uri;
        for (int hop = 0; hop < 10 && !current.toString().startsWith(stopAt); hop++) {
            HttpResponse<String> response = send(http, HttpRequest.newBuilder(current).build());
            if (response.statusCode() != 302) {
                return current;
            }
            current = current.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        return current;
    }

    private static URI post(HttpClient http, String url, String form, String csrf) throws IOException {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf,
                        StandardCharsets.UTF_8))).build());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(302);
        return URI.create(url).resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static String csrf(HttpClient http, String page) throws IOException {
        String html = send(http, HttpRequest.newBuilder(URI.create(page)).build()).body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(token.find()).as(page + " has a CSRF token").isTrue();
        return token.group(1);
    }

    /** PKCE (RFC 7636): a verifier and its S256 challenge. */
    private static final class Pkce {
        static String verifier() {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        static String challenge(String verifier) throws Exception {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static String systemToken(HttpClient http, String resource, String scope, String authorizationDetails)
            throws IOException {
        return tokenResponse(http, PORTAL_SYSTEM, systemTokenForm(resource, scope, authorizationDetails), null)
                .get("access_token").toString();
    }

    private static String systemTokenForm(String resource, String scope, String authorizationDetails) {
        return "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8)
                + (authorizationDetails == null ? "" : "&authorization_details="
                + URLEncoder.encode(authorizationDetails, StandardCharsets.UTF_8));
    }

    /** A client's token response (client_id:secret); with a DPoP proof when {@code proof} is not null. */
    private static Map<String, Object> tokenResponse(HttpClient http, String client, String form, String proof)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(client.getBytes()));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return json(http, request.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    /** In a fresh browser session: the portal's login page, TestID as Ola, acting for Nora; on the home page. */
    private static void olaLogsInActingForNora() {
        run.freshSession();
        browser.get(portal + "/");
        assertThat(browser.getCurrentUrl()).startsWith(portal + "/login");
        browser.findElement(By.cssSelector("input[name=pid][value='" + OLA + "']")).click();
        browser.findElement(By.cssSelector("form[action$='/login/testid'] button[type=submit]")).click();
        run.waitFor(ExpectedConditions.urlContains("/representation"));
        browser.findElement(By.cssSelector("input[name=pid][value='" + NORA + "']")).click();
        browser.findElement(By.cssSelector("form[action$='/representation'] button[type=submit]")).click();
        run.waitFor(ExpectedConditions.urlMatches("^" + portal + "/(\\?.*)?$"));
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Map<String, Object> json(HttpClient http, HttpRequest request) throws IOException {
        HttpResponse<String> response = send(http, request);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
    }
}
