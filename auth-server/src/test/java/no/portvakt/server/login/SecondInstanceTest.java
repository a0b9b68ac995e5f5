package no.portvakt.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two Portvakt instances on one database behave as one: sessions, codes and keys are shared. */
class SecondInstanceTest extends PortvaktTestBase {

    private static ConfigurableApplicationContext second;
    private static String secondUrl;

    @BeforeAll
    static void startSecondInstance() {
        int port = freePort();
        secondUrl = "http://localhost:" + port;
        // Command-line arguments: they outrank the configuration files, as the suite's dynamic properties do.
        second = new SpringApplicationBuilder(PortvaktApplication.class).profiles("test")
                .run("--server.port=" + port, "--portvakt.issuer=" + ISSUER, "--test.rp.url=" + RP.url(),
                        "--test.system.jwks=" + new JWKSet(SYSTEM_CLIENT_KEY.toPublicJWK()));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnTheOtherAndEndsOnBoth() throws Exception {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt first = client.start("openid", b -> { });
            browser.loginAs(browser.open(first.request().toURI()), KARI, "idporten-loa-substantial");
            RP.takeCallback();

            // The same browser at the other instance: no login, a code at once.
            OidcClient.Attempt onSecond = client.start("openid", b -> { });
            URI viaSecond = URI.create(onSecond.request().toURI().toString().replace(ISSUER, secondUrl));
            assertThat(browser.open(viaSecond).getUrl().toString()).startsWith(callbackUri());
            // The code it issued is redeemed at the first instance; the ID token validates with the shared keys.
            var code = client.code(onSecond, callback());
            assertThat(client.validate(OidcClient.idToken(client.redeem(onSecond, code)), onSecond).getSubject())
                    .isNotNull();

            // Logging out at the second instance ends the session at the first too.
            HtmlPage home = browser.open(URI.create(secondUrl + "/"));
            home.<HtmlButton>getFirstByXPath("//form[contains(@action,'/logout')]//button").click();
            HtmlPage login = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(login.getUrl().getPath()).isEqualTo("/login");
        }
    }
}
