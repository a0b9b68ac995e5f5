package no.portvakt.server.login.idporten;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.io.IOException;
import java.util.List;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Citizen login through an upstream OpenID Connect provider in ID-porten's shape (a real one, over HTTP). */
class IdportenLoginTest extends PortvaktTestBase {

    private OidcClient client;

    @BeforeEach
    void discover() {
        client = testRp();
    }

    @Test
    void aCitizenLogsInThroughIdportenAndThePartnerGetsTheSameVocabulary() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            upstreamLogin(browser, browser.open(attempt.request().toURI()), KARI, "idporten-loa-high");
            IDTokenClaimsSet id = redeem(attempt);
            assertThat(id.getStringClaim("acr")).isEqualTo("idporten-loa-high");
            assertThat(id.getStringListClaim("amr")).containsExactly("BankID");
            assertThat(id.getSubject().getValue()).doesNotContain(KARI);
            // What Portvakt asked ID-porten for: PKCE, state, nonce, the default level, the citizen's language.
            var upstream = IDPORTEN.lastAuthorizationRequest();
            assertThat(upstream).containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce")
                    .containsEntry("acr_values", "idporten-loa-substantial").containsEntry("ui_locales", "nb");
        }
    }

    @Test
    void aLoginBelowTheRequestedLevelIsRefused() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid",
                    b -> b.acrValues(List.of(new ACR("idporten-loa-high"))));
            Page result = upstreamLogin(browser, browser.open(attempt.request().toURI()), KARI,
                    "idporten-loa-substantial");
            assertThat(IDPORTEN.lastAuthorizationRequest()).containsEntry("acr_values", "idporten-loa-high");
            assertThat(result.getUrl().getPath()).isEqualTo("/login");
            assertThat(((HtmlPage) result).querySelector("[role=alert]").getTextContent()).contains("ID-porten");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    @Test
    void anInvalidPidFromUpstreamIsRefused() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            Page result = upstreamLogin(browser, browser.open(attempt.request().toURI()), "12048645510",
                    "idporten-loa-high");
            assertThat(result.getUrl().getPath()).isEqualTo("/login");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    /**
     * ID-porten's token endpoint silent: the citizen's login ends on the login page with a message once the read
     * timeout (2 s in the tests) has passed, not with a hang; and the next login, ID-porten answering again, works.
     */
    @Test
    void aSilentIdportenEndsTheLoginWithAMessageNotAHang() {
        try (Browser browser = new Browser()) {
            IDPORTEN.delayTokens(java.time.Duration.ofSeconds(30));
            Page result;
            try {
                result = upstreamLogin(browser, browser.open(client.start("openid", b -> { }).request().toURI()),
                        KARI, "idporten-loa-substantial");
            } finally {
                IDPORTEN.delayTokens(java.time.Duration.ZERO);
            }
            assertThat(result.getUrl().getPath()).isEqualTo("/login");
            assertThat(((HtmlPage) result).querySelector("[role=alert]").getTextContent()).contains("ID-porten");
            assertThat(RP.takeCallback()).isNull();

            OidcClient.Attempt again = client.start("openid", b -> { });
            upstreamLogin(browser, browser.open(again.request().toURI()), KARI, "idporten-loa-substantial");
            assertThat(redeem(again).getStringClaim("acr")).isEqualTo("idporten-loa-substantial");
        }
    }

    @Test
    void promptLoginReachesIdporten() throws Exception {
        Prompt login = Prompt.parse("login");
        try (Browser browser = new Browser()) {
            OidcClient.Attempt first = client.start("openid", b -> { });
            upstreamLogin(browser, browser.open(first.request().toURI()), KARI, "idporten-loa-substantial");
            redeem(first);
            OidcClient.Attempt again = client.start("openid", b -> b.prompt(login));
            upstreamLogin(browser, browser.open(again.request().toURI()), KARI, "idporten-loa-substantial");
            assertThat(IDPORTEN.lastAuthorizationRequest()).containsEntry("prompt", "login");
            assertThat(redeem(again).getStringListClaim("amr")).containsExactly("BankID");
        }
    }

    /**
     * On a shared computer the next person must not be logged in as the last: logging out of Portvakt logs the
     * browser out of ID-porten too, with the upstream ID token as the hint, and comes back to Portvakt's page.
     */
    @Test
    void loggingOutOfPortvaktLogsTheBrowserOutOfIdportenToo() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            upstreamLogin(browser, browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            redeem(attempt);
            String upstreamIdToken = IDPORTEN.lastIdToken();
            HtmlPage home = browser.open(java.net.URI.create(ISSUER + "/"));
            HtmlPage after = ((org.htmlunit.html.HtmlButton) home
                    .getFirstByXPath("//form[contains(@action,'/logout')]//button")).click();
            assertThat(IDPORTEN.lastEndSession()).containsEntry("id_token_hint", upstreamIdToken)
                    .containsEntry("post_logout_redirect_uri", ISSUER + "/logout/idporten").containsKey("state");
            assertThat(after.getUrl().toString()).startsWith(ISSUER + "/login?logout");
            HtmlPage next = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(next.getUrl().getPath()).as("the next person meets the login page").isEqualTo("/login");
        }
    }

    /** ID-porten's back-channel logout ends the Portvakt login its session began, and nothing else. */
    @Test
    void idportensBackChannelLogoutEndsTheLoginItBegan() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            upstreamLogin(browser, browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            redeem(attempt);
            String upstreamSid = IDPORTEN.lastSid();
            String path = ISSUER + "/logout/idporten/backchannel";

            String token = IDPORTEN.logoutToken(upstreamSid);
            var forged = Http.postForm(path, Http.form("logout_token",
                    token.substring(0, token.lastIndexOf('.') + 1) + "AAAA"));
            assertThat(forged.statusCode()).isEqualTo(400);
            assertThat(forged.headers().firstValue("Cache-Control")).hasValue("no-store");
            OidcClient.Attempt still = client.start("openid", b -> { });
            browser.open(still.request().toURI());
            assertThat(client.code(still, callback())).as("a forged token ends nothing").isNotNull();

            var taken = Http.postForm(path, Http.form("logout_token", token));
            assertThat(taken.statusCode()).isEqualTo(200);
            HtmlPage next = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(next.getUrl().getPath()).isEqualTo("/login");
        }
    }

    /** On Portvakt's login page: choose ID-porten, then log in there. */
    private static Page upstreamLogin(Browser browser, HtmlPage loginPage, String pid, String acr) {
        try {
            HtmlAnchor idporten = loginPage.getFirstByXPath("//a[contains(@href,'/oauth2/authorization/idporten')]");
            HtmlPage upstream = idporten.click();
            HtmlForm form = upstream.getForms().get(0);
            form.getInputByName("pid").setValue(pid);
            HtmlSelect level = form.getSelectByName("acr");
            level.setSelectedAttribute(acr, true);
            org.htmlunit.html.HtmlButton submit = form.getFirstByXPath(".//button");
            Page next = submit.click();
            return Browser.isRepresentationPage(next) ? browser.actFor((HtmlPage) next, pid) : next;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private IDTokenClaimsSet redeem(OidcClient.Attempt attempt) {
        return client.finish(attempt, callback());
    }
}
