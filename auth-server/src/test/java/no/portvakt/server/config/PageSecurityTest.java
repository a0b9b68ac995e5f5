package no.portvakt.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** The citizen's pages: strict headers, CSRF on every form, no framing, duplicated parameters refused. */
class PageSecurityTest extends PortvaktTestBase {

    @Test
    void pagesSendStrictSecurityHeaders() {
        HttpResponse<String> login = Http.get(ISSUER + "/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(login.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(login.headers().allValues("Set-Cookie")).allSatisfy(cookie ->
                assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void theLoginFormCarriesACsrfTokenAndAPostWithoutOneIsRefused() {
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(URI.create(ISSUER + "/login"));
            assertThat(login.querySelectorAll("form input[name=_csrf]").size()).isEqualTo(1);
        }
        HttpResponse<String> forged = Http.postForm(ISSUER + "/login/testid",
                Http.form("pid", KARI, "acr", "idporten-loa-high"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Set-Cookie").orElse("")).doesNotContain("PORTVAKT_SESSION=;");
    }

    @Test
    void duplicatedAuthorizationParametersAreRefused() {
        HttpResponse<String> response = Http.get(ISSUER + "/oauth2/authorize?response_type=code&client_id="
                + TEST_RP + "&client_id=" + TEST_RP + "&redirect_uri=" + callbackUri() + "&scope=openid");
        assertThat(response.statusCode()).isEqualTo(400);
        HttpResponse<String> twoRedirects = Http.get(ISSUER + "/oauth2/authorize?response_type=code&client_id="
                + TEST_RP + "&redirect_uri=" + callbackUri() + "&redirect_uri=" + callbackUri() + "&scope=openid");
        assertThat(twoRedirects.statusCode()).isEqualTo(400);
        assertThat(RP.takeCallback()).isNull();
    }

    @Test
    void theErrorPageIsLocalisedAndHasNoStackTrace() {
        try (Browser browser = new Browser().acceptLanguage("nn")) {
            HtmlPage page = browser.open(URI.create(ISSUER + "/oauth2/authorize?client_id=x"));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("nn");
            assertThat(page.querySelector("h1").getTextContent()).isEqualTo("Noko gjekk gale");
            assertThat(page.asXml()).doesNotContain("Exception").doesNotContain("at org.");
        }
    }
}
