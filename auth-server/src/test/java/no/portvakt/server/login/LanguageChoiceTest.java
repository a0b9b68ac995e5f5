package no.portvakt.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * A citizen's choice of language holds for the visit: chosen on the first page, it reaches the login page the
 * citizen is sent to, and every page after, though the browser asks for bokmål.
 */
class LanguageChoiceTest extends PortvaktTestBase {

    @Test
    void aLanguageChosenOnTheFirstPageHoldsThroughTheLoginAndAfter() {
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(URI.create(ISSUER + "/?lang=en"));
            assertThat(login.getUrl().getPath()).isEqualTo("/login");
            assertThat(language(login)).isEqualTo("en");
            assertThat(language(browser.open(URI.create(ISSUER + "/login")))).as("the same page again").isEqualTo("en");

            Page home = browser.loginAs(browser.open(URI.create(ISSUER + "/login")), KARI,
                    "idporten-loa-substantial");
            assertThat(language((HtmlPage) home)).as("after the login").isEqualTo("en");
            assertThat(language(browser.open(URI.create(ISSUER + "/?lang=nn")))).as("a new choice").isEqualTo("nn");
            assertThat(language(browser.open(URI.create(ISSUER + "/")))).isEqualTo("nn");
        }
    }

    private static String language(HtmlPage page) {
        return page.getDocumentElement().getAttribute("lang");
    }
}
