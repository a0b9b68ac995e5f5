package no.portvakt.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Prompt;
import java.net.URI;
import java.net.http.HttpResponse;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlHiddenInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consent to the portal's API scopes: asked once per citizen, per person represented, per client; all, some or
 * none approved; the tokens carry only what was approved; withdrawal ends the tokens issued under it.
 */
class ConsentTest extends PortvaktTestBase {

    private static final String APPOINTMENTS = "portal:appointments.read";
    private static final String MESSAGES = "portal:messages.read";
    private static final String PORTAL_API = "https://portal.test.example/api";
    private static final String SOLVEIG = "05895894984"; // known to nobody: a clean consent history
    private static final String OLA = "28816196088";

    @Autowired
    JdbcClient jdbc;

    private OidcClient client;

    @BeforeEach
    void clean() {
        client = testRp();
        jdbc.sql("delete from citizen_consent where acting_pid in (?, ?)").params(SOLVEIG, KARI).update();
    }

    @Test
    void theCitizenApprovesSomeScopesAndTheTokensCarryOnlyThose() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid " + APPOINTMENTS + " " + MESSAGES, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            assertThat(consent.getUrl().getPath()).isEqualTo("/consent");
            assertThat(consent.asNormalizedText()).contains("Test relying party", "Se timeavtalene dine",
                    "Les meldingene dine", "Tilgangen gjelder dine egne opplysninger");
            assertThat(consent.<HtmlCheckBoxInput>getByXPath("//input[@type='checkbox']"))
                    .hasSize(2).noneMatch(HtmlCheckBoxInput::isChecked); // a consent is given, never assumed
            decide(consent, "approve", APPOINTMENTS);

            TokenResponse response = client.redeem(attempt, client.code(attempt, callback()));
            Tokens tokens = response.toSuccessResponse().getTokens();
            assertThat(tokens.getAccessToken().getScope().toStringList()).containsExactlyInAnyOrder("openid",
                    APPOINTMENTS);
            SignedJWT accessToken = SignedJWT.parse(tokens.getAccessToken().getValue());
            assertThat(accessToken.getHeader().getType().toString()).isEqualTo("at+jwt");
            assertThat(accessToken.getJWTClaimsSet().getAudience()).containsExactly(PORTAL_API);
            assertThat(accessToken.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("openid " + APPOINTMENTS);

            // Asked once: the next request for the same scope goes straight through.
            OidcClient.Attempt again = client.start("openid " + APPOINTMENTS, b -> { });
            browser.open(again.request().toURI());
            assertThat(client.code(again, callback())).isNotNull();

            // prompt=consent asks again, with what was approved ticked.
            OidcClient.Attempt asked = client.start("openid " + APPOINTMENTS + " " + MESSAGES,
                    b -> b.prompt(new Prompt("consent")));
            HtmlPage page = browser.open(asked.request().toURI());
            assertThat(page.getUrl().getPath()).isEqualTo("/consent");
            HtmlCheckBoxInput appointments = page.getFirstByXPath("//input[@value='" + APPOINTMENTS + "']");
            assertThat(appointments.isChecked()).isTrue();
        }
    }

    @Test
    void approvingNothingGivesALoginWithoutApiAccess() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid " + APPOINTMENTS, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            decide(consent, "deny", APPOINTMENTS); // "do not allow"
            Tokens tokens = client.redeem(attempt, client.code(attempt, callback())).toSuccessResponse().getTokens();
            assertThat(tokens.getAccessToken().getScope().toStringList()).containsExactly("openid");
            assertThat(SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getAudience())
                    .containsExactly(TEST_RP);
        }
    }

    @Test
    void aConsentIsPerPersonRepresentedAndASilentRequestWithoutOneIsRefused() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt mine = client.start("openid " + APPOINTMENTS, b -> { });
            browser.loginAs(browser.open(mine.request().toURI()), KARI, "idporten-loa-substantial");
            decide(browser.open(URI.create(ISSUER + "/consent")), "approve", APPOINTMENTS);
            client.code(mine, callback());

            browser.actFor(browser.open(URI.create(ISSUER + "/representation")), OLA);
            OidcClient.Attempt silent = client.start("openid " + APPOINTMENTS, b -> b.prompt(new Prompt("none")));
            browser.open(silent.request().toURI());
            assertThat(callback().getQuery()).contains("error=consent_required");

            OidcClient.Attempt forOla = client.start("openid " + APPOINTMENTS, b -> { });
            HtmlPage consent = browser.open(forOla.request().toURI());
            // The texts speak of the person whose data it is, not of the one deciding.
            assertThat(consent.asNormalizedText()).contains("Du handler for Ola Nordmann", "Har gitt deg fullmakt",
                    "Se timeavtalene til Ola Nordmann", "Tjenesten kan lese timeavtalene til Ola Nordmann hos legen")
                    .doesNotContain("Se timeavtalene dine", "(Har gitt");
            decide(consent, "approve", APPOINTMENTS);
            HtmlPage given = browser.open(URI.create(ISSUER + "/consents?lang=en"));
            assertThat(given.asNormalizedText()).contains("For Ola Nordmann", "See the appointments of Ola Nordmann",
                    "For yourself", "See your appointments");
        }
    }

    @Test
    void oneScopeIsOneQuestionWithAnAllowAndARefuseButton() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid " + APPOINTMENTS, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            assertThat(consent.getByXPath("//input[@type='checkbox']")).isEmpty();
            assertThat(consent.querySelector("main h2").getTextContent()).isEqualTo("Se timeavtalene dine");
            assertThat(consent.<HtmlButton>getByXPath("//button[@name='decision']")).extracting(HtmlButton::asNormalizedText)
                    .containsExactly("Gi tilgang", "Ikke gi tilgang");
            ((HtmlButton) consent.getFirstByXPath("//button[@value='approve']")).click();
            Tokens tokens = client.redeem(attempt, client.code(attempt, callback())).toSuccessResponse().getTokens();
            assertThat(tokens.getAccessToken().getScope().toStringList()).containsExactlyInAnyOrder("openid",
                    APPOINTMENTS);
        }
    }

    @Test
    void allowingWithNothingTickedSaysSoAndAsksAgain() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid " + APPOINTMENTS + " " + MESSAGES, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            RP.takeCallback(); // whatever an earlier test left: from here, nothing may reach the partner
            HtmlPage again = ((HtmlButton) consent.getFirstByXPath("//button[@value='approve']")).click();
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(again.getUrl().getPath()).isEqualTo("/consent");
            assertThat(again.querySelector("[role=alert]").asNormalizedText())
                    .contains("Du har ikke krysset av for noe", "Ikke gi tilgang til noe");
            assertThat(((DomElement) again.querySelector("fieldset")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(RP.takeCallback()).as("nothing sent to the partner yet").isNull();
            assertThat(jdbc.sql("select count(*) from citizen_consent where acting_pid = ?").param(SOLVEIG)
                    .query(Long.class).single()).isZero();

            decide(again, "approve", MESSAGES);
            Tokens tokens = client.redeem(attempt, client.code(attempt, callback())).toSuccessResponse().getTokens();
            assertThat(tokens.getAccessToken().getScope().toStringList()).containsExactlyInAnyOrder("openid",
                    MESSAGES);
        }
    }

    @Test
    void aScopeTheRequestDidNotAskForCannotBeApprovedThroughAForgedForm() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid " + APPOINTMENTS, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            HtmlHiddenInput scope = consent.getFirstByXPath("//input[@name='scope']");
            scope.setValueAttribute(MESSAGES);
            HtmlPage again = (HtmlPage) decide(consent, "approve", MESSAGES);
            // Nothing the request asked for was allowed: the page asks again, nothing is stored.
            assertThat(again.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(again.querySelector("[role=alert]").asNormalizedText())
                    .contains("Velg «Gi tilgang» eller «Ikke gi tilgang»");
            assertThat(again.getUrl().getPath()).isEqualTo("/consent");
            assertThat(jdbc.sql("select count(*) from citizen_consent where acting_pid = ? and ? = any (scopes)")
                    .params(SOLVEIG, MESSAGES).query(Long.class).single()).isZero();
        }
    }

    @Test
    void aConsentFormWithoutTheCsrfTokenIsRefused() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid " + APPOINTMENTS, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            consent.getFirstByXPath("//input[@name='_csrf']");
            ((DomElement) consent.getFirstByXPath("//input[@name='_csrf']")).remove();
            Page refused = decide(consent, "approve", APPOINTMENTS);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(jdbc.sql("select count(*) from citizen_consent where acting_pid = ?").param(SOLVEIG)
                    .query(Long.class).single()).isZero();
            assertThat(consent.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                    .contains("frame-ancestors 'none'");
        }
    }

    @Test
    void withdrawingAConsentEndsTheTokensIssuedUnderIt() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid offline_access " + APPOINTMENTS, b -> { });
            HtmlPage consent = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), SOLVEIG,
                    "idporten-loa-substantial");
            decide(consent, "approve", APPOINTMENTS);
            Tokens tokens = client.redeem(attempt, client.code(attempt, callback())).toSuccessResponse().getTokens();
            String accessToken = tokens.getAccessToken().getValue();
            HttpResponse<String> before = userinfo(accessToken);
            assertThat(before.statusCode()).as(before.headers().map() + before.body()).isEqualTo(200);

            HtmlPage mine = browser.open(URI.create(ISSUER + "/consents"));
            assertThat(mine.asNormalizedText()).contains("Test relying party", "Se timeavtalene dine", "Gjelder deg selv");
            HtmlPage after = ((HtmlButton) mine.getFirstByXPath("//form[contains(@action,'/consents/withdraw')]"
                    + "//button")).click();
            assertThat(after.asNormalizedText()).contains("Samtykket er trukket tilbake",
                    "Du har ikke gitt noen samtykker");

            assertThat(userinfo(accessToken).statusCode()).isEqualTo(401);
            HttpResponse<String> refreshed = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                    "grant_type", "refresh_token", "refresh_token", tokens.getRefreshToken().getValue()),
                    TEST_RP + ":" + TEST_RP_SECRET);
            assertThat(Http.json(refreshed).get("error").asString()).isEqualTo("invalid_grant");

            OidcClient.Attempt next = client.start("openid " + APPOINTMENTS, b -> { });
            assertThat(((HtmlPage) browser.open(next.request().toURI())).getUrl().getPath()).isEqualTo("/consent");
        }
    }

    /**
     * Ticks {@code scope} on the consent page (when it asks for several) and presses the button for
     * {@code decision}.
     */
    private static Page decide(HtmlPage consent, String decision, String scope) {
        try {
            HtmlCheckBoxInput box = consent.getFirstByXPath("//input[@type='checkbox' and @value='" + scope + "']");
            if (box != null) {
                box.setChecked(true);
            }
            HtmlButton button = consent.getFirstByXPath("//button[@name='decision' and @value='" + decision + "']");
            return button.click();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
