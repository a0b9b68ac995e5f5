package no.portvakt.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Instant;
import no.portvakt.registry.console.Totp;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The partner page: a partner's staff (an account an administrator made, with TOTP) see their own clients only,
 * rotate a secret (shown once, the old one dead at once), and upload keys checked as every JWK set is.
 */
class PartnerPageTest extends PortvaktTestBase {

    private static final String PAGE = ISSUER + "/partner";
    private static final String OLD_SECRET = "suspendable-rotating-secret-0123456789-0123456789";

    @Autowired
    JdbcClient jdbc;

    @Test
    void staffSeeTheirClientsRotateASecretAndUploadKeysButNeverAnotherPartnersClient() throws Exception {
        JsonNode account = Http.json(Http.postJson(ISSUER + "/admin/api/administrators",
                adminToken(TEST_ADMIN, "portvakt.admin"),
                "{\"username\": \"sam\", \"role\": \"partner\", \"partner_id\": \"suspendable\"}"));
        try (Browser browser = new Browser()) {
            HtmlPage clients = login(browser, account);
            assertThat(clients.getUrl().getPath()).isEqualTo("/partner");
            assertThat(clients.asNormalizedText()).contains("suspendable-system", "suspendable-rotating",
                    "suspendable-keys").doesNotContain("test-rp");
            Page foreign = browser.open(URI.create(PAGE + "/clients/test-rp"));
            assertThat(foreign.getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(browser.open(URI.create(ISSUER + "/console")).getWebResponse().getStatusCode())
                    .isEqualTo(403); // staff are not administrators

            HtmlPage client = browser.open(URI.create(PAGE + "/clients/suspendable-rotating"));
            assertThat(client.asNormalizedText()).contains("client_secret_basic", "client_credentials", "has_secret");
            HtmlForm rotate = client.getFirstByXPath("//form[contains(@action,'/secret')]");
            ((HtmlCheckBoxInput) rotate.getInputByName("confirm")).setChecked(true);
            HtmlPage shown = ((HtmlButton) rotate.getFirstByXPath(".//button")).click();
            assertThat(shown.getWebResponse().getResponseHeaderValue("Cache-Control")).contains("no-store");
            String secret = shown.getElementById("secret").getTextContent();
            assertThat(secret).hasSize(43);
            assertThat(tokenStatus("suspendable-rotating:" + OLD_SECRET)).isEqualTo(401);
            assertThat(tokenStatus("suspendable-rotating:" + secret)).isEqualTo(200);

            HtmlPage keys = browser.open(URI.create(PAGE + "/clients/suspendable-keys"));
            HtmlPage refused = upload(keys, "{\"keys\": [{\"kty\": \"oct\", \"kid\": \"k\", \"k\": \"c2VjcmV0\"}]}");
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("problem").getTextContent()).contains("private");
            String newKey = new JWKSet(rsaKey("uploaded-key-1").toPublicJWK()).toString();
            HtmlPage uploaded = upload(refused, newKey);
            assertThat(uploaded.asNormalizedText()).contains("De nye nøklene gjelder nå");
            assertThat(jdbc.sql("select jwks from client where client_id = 'suspendable-keys'").query(String.class)
                    .single()).contains("uploaded-key-1");
        }
        assertThat(Http.json(Http.get(ISSUER + "/admin/api/changes?entity=client&id=suspendable-rotating",
                "Authorization", "Bearer " + adminToken(TEST_ADMIN, "portvakt.audit"))).get("changes").get(0)
                .get("actor").asString()).isEqualTo("partner:suspendable:sam");
    }

    @Test
    void aClientsOwnCredentialsOpenThePartnerPageForThatClientOnly() throws Exception {
        try (Browser browser = new Browser()) {
            assertThat(clientLogin(browser, "suspendable-system", "not-its-secret").getUrl().toString())
                    .endsWith("/partner/login?error");
            assertThat(clientLogin(browser, "suspendable-keys", "any-secret").getUrl().toString()) // keys, no secret
                    .endsWith("/partner/login?error");

            HtmlPage clients = clientLogin(browser, "suspendable-system", "suspendable-secret-0123456789-0123456789-0123456");
            assertThat(clients.getUrl().getPath()).isEqualTo("/partner");
            assertThat(clients.asNormalizedText()).contains("suspendable-system")
                    .doesNotContain("suspendable-rotating", "suspendable-keys");
            assertThat(browser.open(URI.create(PAGE + "/clients/suspendable-system")).getWebResponse()
                    .getStatusCode()).isEqualTo(200);
            // Its partner's other clients, as any other partner's, are not found; the console is not open.
            assertThat(browser.open(URI.create(PAGE + "/clients/suspendable-keys")).getWebResponse()
                    .getStatusCode()).isEqualTo(404);
            assertThat(browser.open(URI.create(ISSUER + "/console")).getWebResponse().getStatusCode())
                    .isEqualTo(403);
        }
    }

    private static HtmlPage clientLogin(Browser browser, String clientId, String secret) throws Exception {
        HtmlForm form = ((HtmlPage) browser.open(URI.create(PAGE + "/login"))).getHtmlElementById("client-login");
        form.getInputByName("client_id").setValue(clientId);
        form.getInputByName("client_secret").setValue(secret);
        return ((HtmlButton) form.getFirstByXPath(".//button")).click();
    }

    private static HtmlPage upload(HtmlPage page, String jwks) throws Exception {
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'/jwks')]");
        ((HtmlTextArea) form.getTextAreaByName("jwks")).setText(jwks);
        return ((HtmlButton) form.getFirstByXPath(".//button")).click();
    }

    private static HtmlPage login(Browser browser, JsonNode account) throws Exception {
        HtmlPage login = browser.open(URI.create(PAGE));
        HtmlForm form = login.getFirstByXPath("//form[contains(@action,'/partner/login')]");
        form.getInputByName("username").setValue(account.get("username").asString());
        form.getInputByName("password").setValue(account.get("password").asString());
        form.getInputByName("code").setValue(Totp.code(Totp.fromBase32(account.get("totp_secret").asString()),
                Instant.now().getEpochSecond() / 30));
        return ((HtmlButton) form.getFirstByXPath(".//button")).click();
    }

    private static int tokenStatus(String basic) {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "records.system", "resource", "https://api.test-partner.example/records"), basic).statusCode();
    }
}
