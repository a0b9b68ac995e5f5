package no.portvakt.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Citizen sessions end after 30 minutes idle and 120 minutes in all. Time is moved by ageing the session's row
 * in PostgreSQL, exactly what the passing of time would do to it.
 */
class SessionLifetimeTest extends PortvaktTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        try (Browser browser = loggedIn()) {
            jdbc.sql("""
                    update spring_session set last_access_time = last_access_time - 31 * 60 * 1000,
                        expiry_time = expiry_time - 31 * 60 * 1000 where session_id = ?
                    """).param(sessionId(browser)).update();
            assertThat(ownPage(browser).getUrl().getPath()).isEqualTo("/login");
        }
    }

    @Test
    void anActiveSessionEndsAfterTwoHoursInAll() {
        try (Browser browser = loggedIn()) {
            jdbc.sql("update spring_session set creation_time = creation_time - 121 * 60 * 1000 where session_id = ?")
                    .param(sessionId(browser)).update();
            assertThat(ownPage(browser).getUrl().getPath()).isEqualTo("/login");
        }
    }

    @Test
    void aFreshSessionContinues() {
        try (Browser browser = loggedIn()) {
            assertThat(ownPage(browser).getUrl().getPath()).isEqualTo("/");
        }
    }

    /** The session the browser's cookie names (Spring Session writes the id base64-encoded). */
    private static String sessionId(Browser browser) {
        String cookie = browser.client().getCookieManager().getCookie("PORTVAKT_SESSION").getValue();
        return new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HtmlPage ownPage(Browser browser) {
        return browser.open(URI.create(ISSUER + "/"));
    }

    private static Browser loggedIn() {
        Browser browser = new Browser();
        OidcClient client = testRp();
        browser.loginAs(browser.open(client.start("openid", b -> { }).request().toURI()), KARI,
                "idporten-loa-substantial");
        RP.takeCallback();
        return browser;
    }
}
