package no.portvakt.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The error page a citizen lands on when a partner's request is broken: plain words on what went wrong and what to
 * do, a way on, the technical detail only in one line for the service's support, under an error id the log has too;
 * its language switch shows the same error again in the other language.
 */
class ErrorPageTest extends PortvaktTestBase {

    private static final Path LOG = Path.of("target/portvakt-test.log");

    @Test
    void aRequestWithAnUnknownClientGetsPlainWordsAWayOnAndAnErrorIdThatIsInTheLog() throws IOException {
        try (Browser browser = new Browser()) {
            HtmlPage page = browser.open(URI.create(ISSUER + "/oauth2/authorize?response_type=code&scope=openid"
                    + "&client_id=no-such-client&redirect_uri=" + callbackUri()));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            String errorId = page.getWebResponse().getResponseHeaderValue("X-Request-Id");
            assertThat(errorId).matches("[0-9a-f]{16}");

            String support = page.getElementById("support").asNormalizedText();
            String main = page.getElementById("main").asNormalizedText().replace(support, "");
            assertThat(main).contains("Forespørselen fra tjenesten er ugyldig.",
                    "Feilen ligger hos tjenesten du kom fra, ikke hos deg.", "Gå til forsiden")
                    .doesNotContain("OAuth", "invalid_", "client_id", "(400)");
            assertThat(support).contains("feil-ID " + errorId, "invalid_request", "client_id");
            assertThat(page.getAnchorByText("Gå til forsiden").getHrefAttribute()).isEqualTo("/");
            assertThat(Files.readString(LOG)).contains(errorId);

            HtmlPage english = ((HtmlAnchor) page.querySelector("nav a[hreflang=en]")).click();
            assertThat(english.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(english.getDocumentElement().getAttribute("lang")).isEqualTo("en");
            assertThat(english.getElementById("main").asNormalizedText()).contains(
                    "The request from the service is not valid.", "error ID " + errorId, "invalid_request");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    @Test
    void anErrorLinkWithAForgedIdOrCodeIsANotFoundPage() {
        try (Browser browser = new Browser()) {
            HtmlPage forged = browser.open(URI.create(ISSUER + "/error?error=invalid_client&status=400"
                    + "&error_id=%3Cscript%3E"));
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(forged.asNormalizedText()).contains("Siden finnes ikke").doesNotContain("<script>");
            HtmlPage unknown = browser.open(URI.create(ISSUER + "/error?error=made_up&status=400"
                    + "&error_id=0123456789abcdef"));
            assertThat(unknown.getWebResponse().getStatusCode()).isEqualTo(404);
        }
    }
}
