package no.portvakt.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.langtag.LangTag;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.List;
import java.util.function.Consumer;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** prompt, max_age and acr_values against an existing login (OIDC Core §3.1.2.1). */
class ReauthenticationTest extends PortvaktTestBase {

    private OidcClient client;

    @BeforeEach
    void discover() {
        client = testRp();
    }

    @Test
    void promptLoginAsksForANewLoginEvenWithASession() throws Exception {
        try (Browser browser = new Browser()) {
            IDTokenClaimsSet first = loginFresh(browser, b -> { });
            Prompt login = Prompt.parse("login");
            OidcClient.Attempt again = client.start("openid", b -> b.prompt(login));
            HtmlPage page = browser.open(again.request().toURI());
            assertThat(page.getUrl().getPath()).isEqualTo("/login");
            browser.loginAs(page, KARI, "idporten-loa-substantial");
            IDTokenClaimsSet second = redeem(again);
            assertThat(second.getStringClaim("sid")).isNotEqualTo(first.getStringClaim("sid"));
        }
    }

    @Test
    void maxAgeZeroAsksForANewLogin() {
        try (Browser browser = new Browser()) {
            loginFresh(browser, b -> { });
            OidcClient.Attempt again = client.start("openid", b -> b.maxAge(0));
            HtmlPage page = browser.open(again.request().toURI());
            assertThat(page.getUrl().getPath()).isEqualTo("/login");
            browser.loginAs(page, KARI, "idporten-loa-substantial");
            assertThat(redeem(again).getAuthenticationTime()).isNotNull();
        }
    }

    @Test
    void aGenerousMaxAgeKeepsTheSession() {
        try (Browser browser = new Browser()) {
            loginFresh(browser, b -> { });
            OidcClient.Attempt again = client.start("openid", b -> b.maxAge(3600));
            assertThat(browser.open(again.request().toURI()).getUrl().toString()).startsWith(callbackUri());
            assertThat(redeem(again).getSubject()).isNotNull();
        }
    }

    @Test
    void higherAcrValuesStepUpTheLogin() {
        try (Browser browser = new Browser()) {
            loginFresh(browser, b -> { });
            OidcClient.Attempt high = client.start("openid", b -> b.acrValues(List.of(new ACR("idporten-loa-high"))));
            HtmlPage page = browser.open(high.request().toURI());
            assertThat(page.getUrl().getPath()).isEqualTo("/login");
            // Only the requested level is offered.
            assertThat(page.querySelectorAll("input[name=acr]")).hasSize(1);
            browser.loginAs(page, KARI, "idporten-loa-high");
            assertThat(redeem(high).getStringClaim("acr")).isEqualTo("idporten-loa-high");
        }
    }

    @Test
    void promptNoneNeverShowsAPage() throws Exception {
        try (Browser browser = new Browser()) {
            loginFresh(browser, b -> { });
            Prompt none = Prompt.parse("none");
            OidcClient.Attempt silent = client.start("openid", b -> b.prompt(none));
            assertThat(browser.open(silent.request().toURI()).getUrl().toString()).startsWith(callbackUri());
            assertThat(redeem(silent).getSubject()).isNotNull();

            OidcClient.Attempt tooWeak = client.start("openid", b -> b.prompt(none)
                    .acrValues(List.of(new ACR("idporten-loa-high"))));
            assertThat(browser.open(tooWeak.request().toURI()).getUrl().toString())
                    .startsWith(callbackUri()).contains("error=login_required");
            RP.takeCallback();
        }
    }

    @Test
    void uiLocalesReachesTheLoginPageOfAReauthentication() throws Exception {
        List<LangTag> english = List.of(LangTag.parse("en"));
        try (Browser browser = new Browser()) {
            loginFresh(browser, b -> { });
            Prompt login = Prompt.parse("login");
            HtmlPage page = browser.open(client.start("openid", b -> b.prompt(login).uiLocales(english))
                    .request().toURI());
            assertThat(page.asNormalizedText()).contains("Choose a synthetic test person");
        }
    }

    private IDTokenClaimsSet loginFresh(Browser browser,
                                        Consumer<com.nimbusds.openid.connect.sdk.AuthenticationRequest.Builder> c) {
        OidcClient.Attempt attempt = client.start("openid", c);
        browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
        return redeem(attempt);
    }

    private IDTokenClaimsSet redeem(OidcClient.Attempt attempt) {
        return client.finish(attempt, callback());
    }
}
