package no.portvakt.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** TestID's login page as a person meets it after a mistake. */
class TestIdLoginPageTest extends PortvaktTestBase {

    /**
     * A fødselsnummer with a typo comes back in its field, marked invalid, so the citizen sees the typo and mends
     * it; it is never in the URL, and only the next page shows it.
     */
    @Test
    void aMistypedNumberStaysInItsFieldAndOutOfTheUrl() {
        try (Browser browser = new Browser()) {
            String typo = "47906701518"; // Kari's with the last digit wrong
            HtmlPage again = (HtmlPage) browser.login(browser.open(URI.create(ISSUER + "/login")), typo,
                    "idporten-loa-substantial");
            assertThat(again.getUrl().getPath()).isEqualTo("/login");
            assertThat(again.getUrl().toString()).doesNotContain(typo);
            HtmlInput field = again.getHtmlElementById("pid-other");
            assertThat(field.getValue()).isEqualTo(typo);
            assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");

            HtmlInput later = browser.<HtmlPage>open(URI.create(ISSUER + "/login")).getHtmlElementById("pid-other");
            assertThat(later.getValue()).as("shown once").isEmpty();
        }
    }
}
