package no.portvakt.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ConsoleAccounts;
import no.portvakt.server.support.ConsoleAccounts.Account;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The admin console through its pages: login with password and TOTP, partners and search, suspension with
 * confirmation, approval of a registered client, the change trail; an auditor reads but cannot change; a citizen
 * session never opens it.
 */
class AdminConsoleTest extends PortvaktTestBase {

    private static final String CONSOLE = ISSUER + "/console";
    private static final String SYSTEM = "suspendable-system:suspendable-secret-0123456789-0123456789-0123456";

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorSuspendsAPartnerWithConfirmationAndTheChangeIsInTheTrail() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser()) {
            HtmlPage partners = login(browser, ada, code(ada));
            assertThat(partners.getUrl().getPath()).isEqualTo("/console");
            assertThat(partners.asNormalizedText()).contains("Suspendable Helse AS", "Test Partner AS", "Other Partner AS");
            HtmlForm search = partners.getFirstByXPath("//form[@role='search']");
            search.getInputByName("q").setValue("974760673");
            HtmlPage found = ((HtmlButton) search.getFirstByXPath(".//button")).click();
            assertThat(found.asNormalizedText()).contains("Suspendable Helse AS").doesNotContain("Test Partner AS");

            HtmlPage partner = browser.open(URI.create(CONSOLE + "/partners/suspendable"));
            HtmlForm suspend = partner.getFirstByXPath("//form[contains(@action,'/suspension')]");
            suspend.getInputByName("reason").setValue("Agreement under review");
            HtmlPage unconfirmed = ((HtmlButton) suspend.getFirstByXPath(".//button")).click();
            assertThat(unconfirmed.asNormalizedText()).contains("Kryss av for å bekrefte");
            assertThat(systemTokenStatus()).isEqualTo(200);

            suspend = unconfirmed.getFirstByXPath("//form[contains(@action,'/suspension')]");
            suspend.getInputByName("reason").setValue("Agreement under review");
            ((HtmlCheckBoxInput) suspend.getInputByName("confirm")).setChecked(true);
            HtmlPage suspended = ((HtmlButton) suspend.getFirstByXPath(".//button")).click();
            try {
                assertThat(suspended.getElementById("partner-state").getTextContent())
                        .contains("Suspendert", "Agreement under review");
                assertThat(systemTokenStatus()).isEqualTo(401);
                HtmlPage trail = browser.open(URI.create(CONSOLE + "/changes"));
                assertThat(trail.asNormalizedText()).contains("console:ada", "suspend partner suspendable");
            } finally {
                HtmlForm lift = suspended.getFirstByXPath("//form[contains(@action,'/lift')]");
                ((HtmlCheckBoxInput) lift.getInputByName("confirm")).setChecked(true);
                HtmlPage lifted = ((HtmlButton) lift.getFirstByXPath(".//button")).click();
                assertThat(lifted.asNormalizedText()).contains("Suspensjonen er opphevet");
            }
            assertThat(systemTokenStatus()).isEqualTo(200);

            HtmlPage apis = browser.open(URI.create(CONSOLE + "/apis"));
            assertThat(apis.asNormalizedText()).contains("https://portal.test.example/api", "portal:appointments.read",
                    "Se timeavtalene dine", "records.system", "test-system");

            HtmlPage keys = browser.open(URI.create(CONSOLE + "/keys"));
            assertThat(keys.getElementById("active-key").getTextContent()).isNotBlank();
            assertThat(keys.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                    .contains("frame-ancestors 'none'");
        }
    }

    /**
     * The whole of a partner's way in, through the console: the partner is created and changed, gets an initial
     * access token, registers its relying party (RFC 7591), which is approved and logs a citizen in; once the
     * partner is suspended its next token request fails.
     */
    @Test
    void aPartnerMadeInTheConsoleRegistersAClientThatIsApprovedLogsACitizenInAndStopsAtSuspension() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser(); Browser citizen = new Browser()) {
            login(browser, ada, code(ada));
            HtmlForm fields = ((HtmlPage) browser.open(URI.create(CONSOLE + "/partners/new")))
                    .getFirstByXPath("//form[contains(@action,'/console/partners')]");
            fields.getInputByName("id").setValue("journey-helse");
            fields.getInputByName("name").setValue("Journey Helse AS");
            fields.getInputByName("organisation_number").setValue("922333440");
            fields.getInputByName("agreement_signed_on").setValue("2026-11-30");
            HtmlPage partner = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(partner.getUrl().getPath()).isEqualTo("/console/partners/journey-helse");

            fields = ((HtmlPage) partner.getAnchorByHref("/console/partners/journey-helse/edit").click())
                    .getFirstByXPath("//form[contains(@action,'/console/partners/journey-helse')]");
            assertThat(fields.getInputByName("id").hasAttribute("readonly")).isTrue();
            fields.getInputByName("organisation_number").setValue("922333441"); // a wrong check digit
            HtmlPage refused = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("problem").getTextContent()).contains("organisation_number");
            fields = refused.getFirstByXPath("//form[contains(@action,'/console/partners/journey-helse')]");
            fields.getInputByName("organisation_number").setValue("922333440");
            fields.getInputByName("contact_email").setValue("drift@journey.example");
            partner = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(partner.asNormalizedText()).contains("Partneren er endret", "drift@journey.example");

            HtmlForm issue = partner.getFirstByXPath("//form[contains(@action,'/initial-access-tokens')]");
            HtmlPage issued = ((HtmlButton) issue.getFirstByXPath(".//button")).click();
            assertThat(issued.getWebResponse().getResponseHeaderValue("Cache-Control")).contains("no-store");
            String initial = issued.getElementById("initial-access-token").getTextContent();

            JsonNode registered = Http.json(Http.postJson(ISSUER + "/register", initial, """
                    {"client_name": "Journey video", "redirect_uris": ["%s"], "grant_types": ["authorization_code"],
                     "scope": "openid"}""".formatted(callbackUri())));
            String clientId = registered.get("client_id").asString();
            HtmlPage pending = browser.open(URI.create(CONSOLE + "/clients/pending"));
            HtmlForm approve = pending.getFirstByXPath("//form[contains(@action,'/" + clientId + "/approval')]");
            ((HtmlCheckBoxInput) approve.getInputByName("confirm")).setChecked(true);
            ((HtmlButton) approve.getFirstByXPath(".//button")).click();

            var client = new no.portvakt.server.support.OidcClient(ISSUER, clientId,
                    registered.get("client_secret").asString(), callbackUri());
            var attempt = client.start("openid", b -> { });
            var tokens = client.redeem(attempt, loginWithTestId(citizen, client, attempt));
            assertThat(tokens.indicatesSuccess()).isTrue();

            var next = client.start("openid", b -> { });
            citizen.open(next.request().toURI());
            var nextCode = client.code(next, callback());
            HtmlForm suspend = ((HtmlPage) browser.open(URI.create(CONSOLE + "/partners/journey-helse")))
                    .getFirstByXPath("//form[contains(@action,'/suspension')]");
            suspend.getInputByName("reason").setValue("Agreement ended");
            ((HtmlCheckBoxInput) suspend.getInputByName("confirm")).setChecked(true);
            ((HtmlButton) suspend.getFirstByXPath(".//button")).click();
            var afterSuspension = client.redeem(next, nextCode);
            assertThat(afterSuspension.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        }
    }

    @Test
    void aClientRegisteredByAPartnerIsApprovedInTheConsole() throws Exception {
        Account ada = account("ada", "admin");
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String initial = Http.json(Http.postJson(ISSUER + "/admin/api/partners/suspendable/initial-access-tokens",
                admin, "{}")).get("initial_access_token").asString();
        JsonNode registered = Http.json(Http.postJson(ISSUER + "/register", initial,
                "{\"client_name\": \"Console approval\", \"grant_types\": [\"client_credentials\"]}"));
        String clientId = registered.get("client_id").asString();
        String secret = registered.get("client_secret").asString();
        assertThat(tokenStatus(clientId + ":" + secret)).isEqualTo(401);
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            HtmlPage pending = browser.open(URI.create(CONSOLE + "/clients/pending"));
            assertThat(pending.asNormalizedText()).contains(clientId, "Console approval");
            HtmlForm approve = pending.getFirstByXPath("//form[contains(@action,'/" + clientId + "/approval')]");
            ((HtmlCheckBoxInput) approve.getInputByName("confirm")).setChecked(true);
            HtmlPage after = ((HtmlButton) approve.getFirstByXPath(".//button")).click();
            assertThat(after.asNormalizedText()).contains("Klienten er godkjent").doesNotContain(clientId);
        }
        // Approved: the client authenticates now (it holds no API grant yet, so the scope is refused, not the client).
        var response = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "records.system", "resource", "https://api.test-partner.example/records"),
                clientId + ":" + secret);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isNotEqualTo("invalid_client");
    }

    @Test
    void aNewPartnersFormIsCheckedOnTheServerAndReShownWithTheProblem() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            HtmlPage form = browser.open(URI.create(CONSOLE + "/partners/new"));
            HtmlForm fields = form.getFirstByXPath("//form[contains(@action,'/console/partners')]");
            fields.getInputByName("id").setValue("nytt-legesenter");
            fields.getInputByName("name").setValue("Nytt Legesenter AS");
            fields.getInputByName("organisation_number").setValue("991825828"); // wrong check digit
            HtmlPage refused = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("problem").getTextContent()).contains("organisation_number", "mod-11");
            assertThat(refused.<org.htmlunit.html.HtmlInput>getHtmlElementById("name").getValue())
                    .isEqualTo("Nytt Legesenter AS");
            assertThat(refused.getHtmlElementById("organisation_number").getAttribute("aria-invalid")).isEqualTo("true");

            fields = refused.getFirstByXPath("//form[contains(@action,'/console/partners')]");
            fields.getInputByName("organisation_number").setValue("991825827");
            fields.getInputByName("agreement_signed_on").setValue("2026-11-30");
            HtmlPage created = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(created.getUrl().getPath()).isEqualTo("/console/partners/nytt-legesenter");
            assertThat(created.asNormalizedText()).contains("Partneren er opprettet", "Nytt Legesenter AS", "Klarert");
            HtmlPage again = browser.open(URI.create(CONSOLE + "/partners/new"));
            fields = again.getFirstByXPath("//form[contains(@action,'/console/partners')]");
            fields.getInputByName("id").setValue("nytt-legesenter");
            fields.getInputByName("name").setValue("Copy");
            assertThat(((HtmlPage) ((HtmlButton) fields.getFirstByXPath(".//button")).click())
                    .getElementById("problem").getTextContent()).contains("exists");
        }
    }

    @Test
    void anAdministratorCreatesAClientWhoseSecretIsShownOnce() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            HtmlPage form = browser.open(URI.create(CONSOLE + "/partners/suspendable/clients/new"));
            HtmlForm fields = form.getFirstByXPath("//form[contains(@action,'/clients')]");
            fields.getInputByName("client_id").setValue("suspendable-console");
            fields.getInputByName("client_name").setValue("Made in the console");
            ((HtmlCheckBoxInput) fields.getFirstByXPath(".//input[@value='authorization_code']")).setChecked(true);
            ((org.htmlunit.html.HtmlTextArea) fields.getTextAreaByName("redirect_uris")).setText("http://rp.example/cb");
            HtmlPage refused = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("problem").getTextContent()).contains("redirect_uris", "https");
            assertThat(refused.<org.htmlunit.html.HtmlInput>getHtmlElementById("client_name").getValue())
                    .isEqualTo("Made in the console");

            fields = refused.getFirstByXPath("//form[contains(@action,'/clients')]");
            HtmlCheckBoxInput code = fields.getFirstByXPath(".//input[@value='authorization_code']");
            assertThat(code.isChecked()).isTrue(); // what was ticked comes back ticked
            code.setChecked(false);
            ((HtmlCheckBoxInput) fields.getFirstByXPath(".//input[@value='client_credentials']")).setChecked(true);
            ((org.htmlunit.html.HtmlTextArea) fields.getTextAreaByName("redirect_uris")).setText("");
            HtmlPage created = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(created.getWebResponse().getResponseHeaderValue("Cache-Control")).contains("no-store");
            String secret = created.getElementById("secret").getTextContent();
            var response = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                    "scope", "records.system", "resource", "https://api.test-partner.example/records"),
                    "suspendable-console:" + secret);
            assertThat(Http.json(response).get("error").asString()).isNotEqualTo("invalid_client"); // it authenticates
            assertThat(((HtmlPage) browser.open(URI.create(CONSOLE + "/changes"))).asNormalizedText())
                    .contains("create client suspendable-console").doesNotContain(secret);
        }
    }

    @Test
    void anAdministratorChangesAClientAndTheTrailHasItBeforeAndAfter() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            HtmlPage edit = browser.open(URI.create(CONSOLE + "/clients/suspendable-keys/edit"));
            HtmlForm fields = edit.getFirstByXPath("//form[contains(@action,'/console/clients/suspendable-keys')]");
            assertThat(fields.getInputByName("client_id").hasAttribute("readonly")).isTrue();
            assertThat(((HtmlCheckBoxInput) fields.getFirstByXPath(".//input[@value='client_credentials']"))
                    .isChecked()).isTrue();
            fields.getInputByName("jwks_uri").setValue("https://keys.example/jwks"); // and the inline keys: refused
            HtmlPage refused = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("problem").getTextContent()).contains("jwks");

            fields = refused.getFirstByXPath("//form[contains(@action,'/console/clients/suspendable-keys')]");
            fields.getInputByName("jwks_uri").setValue("");
            assertThat(fields.getInputByName("access_token_ttl").getValue()).isEqualTo("1800s");
            assertThat(fields.getSelectByName("logout").getSelectedOptions().get(0).getValueAttribute())
                    .isEqualTo("independent");
            fields.getInputByName("backchannel_logout_uri").setValue("https://keys.example/logout");
            refused = ((HtmlButton) fields.getFirstByXPath(".//button")).click(); // only with shared logout
            assertThat(refused.getElementById("problem").getTextContent()).contains("backchannel_logout_uri");

            fields = refused.getFirstByXPath("//form[contains(@action,'/console/clients/suspendable-keys')]");
            fields.getInputByName("backchannel_logout_uri").setValue("");
            fields.getInputByName("client_name").setValue("Keys, renamed in the console");
            fields.getInputByName("access_token_ttl").setValue("2m");
            ((HtmlCheckBoxInput) fields.getInputByName("introspection")).setChecked(true);
            HtmlPage saved = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(saved.asNormalizedText()).contains("Klienten er endret", "Keys, renamed in the console");
            String trail = ((HtmlPage) browser.open(URI.create(CONSOLE + "/changes"))).asNormalizedText();
            assertThat(trail).contains("update client suspendable-keys", "A system whose staff upload its keys",
                    "Keys, renamed in the console", "\"access_token_ttl_seconds\": 120", "\"introspection\": true");
            HtmlForm again = ((HtmlPage) browser.open(URI.create(CONSOLE + "/clients/suspendable-keys/edit")))
                    .getFirstByXPath("//form[contains(@action,'/console/clients/suspendable-keys')]");
            assertThat(((HtmlCheckBoxInput) again.getInputByName("introspection")).isChecked()).isTrue();
            assertThat(((HtmlCheckBoxInput) again.getInputByName("require_dpop")).isChecked()).isFalse();
        }
        assertThat(jdbc.sql("select approved_at is not null from client where client_id = 'suspendable-keys'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void deletingAClientNeedsItsClientIdTypedAndThenItGetsNoTokens() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            HtmlForm fields = ((HtmlPage) browser.open(URI.create(CONSOLE + "/partners/suspendable/clients/new")))
                    .getFirstByXPath("//form[contains(@action,'/clients')]");
            fields.getInputByName("client_id").setValue("suspendable-doomed");
            ((HtmlCheckBoxInput) fields.getFirstByXPath(".//input[@value='client_credentials']")).setChecked(true);
            String secret = ((HtmlPage) ((HtmlButton) fields.getFirstByXPath(".//button")).click())
                    .getElementById("secret").getTextContent();
            String[] tokenRequest = {"grant_type", "client_credentials", "scope", "records.system", "resource",
                    "https://api.test-partner.example/records"};
            assertThat(Http.json(Http.postForm(ISSUER + "/oauth2/token", Http.form(tokenRequest),
                    "suspendable-doomed:" + secret)).get("error").asString()).isNotEqualTo("invalid_client");

            HtmlPage edit = browser.open(URI.create(CONSOLE + "/clients/suspendable-doomed/edit"));
            HtmlForm deletion = edit.getFirstByXPath("//form[contains(@action,'/deletion')]");
            deletion.getInputByName("confirm").setValue("suspendable-doome");
            HtmlPage refused = ((HtmlButton) deletion.getFirstByXPath(".//button")).click();
            assertThat(refused.asNormalizedText()).contains("Skriv inn klientens client_id");
            assertThat(count("select count(*) from client where client_id = 'suspendable-doomed'")).isEqualTo(1);

            deletion = refused.getFirstByXPath("//form[contains(@action,'/deletion')]");
            deletion.getInputByName("confirm").setValue("suspendable-doomed");
            HtmlPage deleted = ((HtmlButton) deletion.getFirstByXPath(".//button")).click();
            assertThat(deleted.asNormalizedText()).contains("Klienten er slettet").doesNotContain("suspendable-doomed");
            var afterwards = Http.postForm(ISSUER + "/oauth2/token", Http.form(tokenRequest),
                    "suspendable-doomed:" + secret);
            assertThat(afterwards.statusCode()).isEqualTo(401);
            assertThat(Http.json(afterwards).get("error").asString()).isEqualTo("invalid_client");
            assertThat(((HtmlPage) browser.open(URI.create(CONSOLE + "/changes"))).asNormalizedText())
                    .contains("delete client suspendable-doomed");
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void anAuditorReadsButCannotChange() throws Exception {
        Account aud = account("aud", "auditor");
        try (Browser browser = new Browser()) {
            login(browser, aud, code(aud));
            HtmlPage partner = browser.open(URI.create(CONSOLE + "/partners/suspendable"));
            assertThat(partner.asNormalizedText()).contains("Suspendable Helse AS");
            assertThat(partner.getByXPath("//form[contains(@action,'/suspension')]")).isEmpty();
            // A change sent anyway (with the page's CSRF token) is refused.
            HtmlForm logout = partner.getFirstByXPath("//form[contains(@action,'/console/logout')]");
            String csrf = logout.getInputByName("_csrf").getValue();
            Page refused = browser.client().getPage(new org.htmlunit.WebRequest(
                    URI.create(CONSOLE + "/partners/suspendable/suspension?reason=x&confirm=yes&_csrf=" + csrf)
                            .toURL(), org.htmlunit.HttpMethod.POST));
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    @Test
    void aCitizenSessionNeverOpensTheConsole() throws Exception {
        try (Browser browser = new Browser()) {
            browser.loginAs(browser.open(URI.create(ISSUER + "/login")), KARI, "idporten-loa-substantial");
            Page console = browser.open(URI.create(CONSOLE));
            assertThat(console.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(console.getWebResponse().getContentAsString()).doesNotContain("Partnere");
        }
    }

    @Test
    void anAdministratorsLoginIsNoCitizensLogin() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            assertThat(browser.open(URI.create(ISSUER + "/")).getWebResponse().getStatusCode()).isEqualTo(403);
            // An authorization request in the administrator's session gets the citizen's login page, no code.
            var client = testRp();
            HtmlPage page = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(page.getUrl().getPath()).isEqualTo("/login");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    @Test
    void aWrongOrReplayedCodeIsRefusedAndRepeatedFailuresLockTheAccount() throws Exception {
        Account eve = account("eve", "admin");
        String code = code(eve);
        try (Browser first = new Browser(); Browser second = new Browser(); Browser third = new Browser()) {
            assertThat(login(first, eve, code).getUrl().getPath()).isEqualTo("/console");
            HtmlPage replayed = login(second, eve, code); // the same code again (RFC 6238 §5.2)
            assertThat(replayed.getUrl().getPath()).isEqualTo("/console/login");
            assertThat(replayed.asNormalizedText()).contains("Innloggingen mislyktes");
            for (int i = 0; i < 5; i++) {
                login(third, eve, "000000");
            }
            jdbc.sql("update administrator set last_totp_step = 0 where username = 'eve'").update();
            assertThat(login(third, eve, code(eve)).getUrl().getPath()).isEqualTo("/console/login"); // locked
        }
    }

    @Test
    void anAdministratorCreatesChangesAndDeletesAnApiAndTheTokenEndpointFollowsAtOnce() throws Exception {
        Account ada = account("ada", "admin");
        String resource = "https://api.console-made.example/v1";
        try (Browser browser = new Browser()) {
            login(browser, ada, code(ada));
            HtmlPage partner = browser.open(URI.create(CONSOLE + "/partners/suspendable"));
            HtmlPage form = partner.getAnchorByHref("/console/partners/suspendable/apis/new").click();
            HtmlForm fields = form.getFirstByXPath("//form[contains(@action,'/apis')]");
            fields.getInputByName("resource").setValue(resource);
            fields.getInputByName("name").setValue("Console-made API");
            fields.getInputByName("scope-0-name").setValue("made.read");
            fields.getInputByName("scope-0-description").setValue("Reads what the console made");
            ((HtmlCheckBoxInput) fields.getInputByName("scope-0-consent")).setChecked(true);
            fields.getTextAreaByName("clients").setText("suspendable-system: made.read");
            HtmlPage refused = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            // Consent without the citizens' texts: the form comes back, as typed, naming the field.
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("problem").getTextContent()).contains("scopes[0]", "texts");
            assertThat(madeTokenStatus(resource, "made.read")).isEqualTo(400);

            fields = refused.getFirstByXPath("//form[contains(@action,'/apis')]");
            assertThat(fields.getInputByName("resource").getValue()).isEqualTo(resource);
            ((HtmlCheckBoxInput) fields.getInputByName("scope-0-consent")).setChecked(false);
            fields.getInputByName("scope-1-name").setValue("made.write");
            fields.getInputByName("scope-1-description").setValue("Writes");
            HtmlPage created = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(created.getUrl().getPath()).isEqualTo("/console/apis");
            assertThat(created.asNormalizedText()).contains("API-et er opprettet", resource, "made.read", "made.write");
            assertThat(madeTokenStatus(resource, "made.read")).isEqualTo(200);
            assertThat(madeTokenStatus(resource, "made.write")).isEqualTo(400); // offered, not granted

            HtmlPage edit = ((org.htmlunit.html.HtmlAnchor) created.getFirstByXPath(
                    "//a[contains(@href,'/console/apis/edit') and contains(@href,'console-made')]")).click();
            fields = edit.getFirstByXPath("//form[contains(@action,'/apis/edit')]");
            assertThat(fields.getInputByName("scope-0-name").getValue()).isEqualTo("made.read");
            ((HtmlCheckBoxInput) fields.getInputByName("scope-0-remove")).setChecked(true);
            fields.getTextAreaByName("clients").setText("suspendable-system: made.write");
            HtmlPage changed = ((HtmlButton) fields.getFirstByXPath(".//button")).click();
            assertThat(changed.asNormalizedText()).contains("API-et er endret").doesNotContain("made.read");
            assertThat(madeTokenStatus(resource, "made.read")).isEqualTo(400);
            assertThat(madeTokenStatus(resource, "made.write")).isEqualTo(200);

            edit = browser.open(URI.create(CONSOLE + "/apis/edit?resource=" + java.net.URLEncoder.encode(
                    resource, java.nio.charset.StandardCharsets.UTF_8)));
            HtmlForm delete = edit.getFirstByXPath("//form[contains(@action,'/apis/deletion')]");
            HtmlPage unconfirmed = ((HtmlButton) delete.getFirstByXPath(".//button")).click();
            assertThat(unconfirmed.asNormalizedText()).contains("Kryss av for å bekrefte");
            assertThat(madeTokenStatus(resource, "made.write")).isEqualTo(200);
            delete = unconfirmed.getFirstByXPath("//form[contains(@action,'/apis/deletion')]");
            ((HtmlCheckBoxInput) delete.getInputByName("confirm")).setChecked(true);
            HtmlPage deleted = ((HtmlButton) delete.getFirstByXPath(".//button")).click();
            assertThat(deleted.asNormalizedText()).contains("API-et er slettet").doesNotContain(resource);
            var gone = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                    "scope", "made.write", "resource", resource), SYSTEM);
            assertThat(Http.json(gone).get("error").asString()).isEqualTo("invalid_target");

            HtmlPage trail = browser.open(URI.create(CONSOLE + "/changes?entity=api&id=" + java.net.URLEncoder.encode(
                    resource, java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(trail.asNormalizedText()).contains("create", "update", "delete", "console:ada");
        }
    }

    private static int madeTokenStatus(String resource, String scope) {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", scope, "resource", resource), SYSTEM).statusCode();
    }

    @Test
    void anyoneGetsPasskeyLoginOptionsNeedingUserVerificationButAMadeUpAssertionLogsNobodyIn() throws Exception {
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(URI.create(CONSOLE + "/login"));
            org.htmlunit.html.DomElement passkey = login.getElementById("passkey-login");
            JsonNode options = Http.json(passkeyPost(browser, passkey, passkey.getAttribute("data-options"), null).getContentAsString());
            assertThat(options.get("rpId").asString()).isEqualTo("localhost");
            assertThat(options.get("userVerification").asString()).isEqualTo("required");
            assertThat(java.util.Base64.getUrlDecoder().decode(options.get("challenge").asString())).hasSizeGreaterThanOrEqualTo(16);

            String madeUp = "{\"id\": \"AAAA\", \"rawId\": \"AAAA\", \"type\": \"public-key\", \"response\": "
                    + "{\"authenticatorData\": \"AAAA\", \"clientDataJSON\": \"AAAA\", \"signature\": \"AAAA\"}, "
                    + "\"clientExtensionResults\": {}}";
            assertThat(passkeyPost(browser, passkey, passkey.getAttribute("data-action"), madeUp).getStatusCode())
                    .isEqualTo(401);
            assertThat(((HtmlPage) browser.open(URI.create(CONSOLE))).getUrl().getPath()).isEqualTo("/console/login");
        }
    }

    @Test
    void onlyAConsoleLoginRegistersAPasskeyAndAnAttestationThatDoesNotVerifyIsABadRequest() throws Exception {
        Account ada = account("ada", "admin");
        try (Browser anonymous = new Browser(); Browser browser = new Browser()) {
            HtmlPage login = anonymous.open(URI.create(CONSOLE + "/login"));
            var refused = passkeyPost(anonymous, login.getElementById("passkey-login"),
                    "/console/passkeys/registration/options", null);
            assertThat(refused.getStatusCode()).isEqualTo(302);
            assertThat(count("select count(*) from user_entities")).isZero();

            login(browser, ada, code(ada));
            HtmlPage page = browser.open(URI.create(CONSOLE + "/passkeys"));
            assertThat(page.getElementById("no-passkeys")).isNotNull();
            org.htmlunit.html.DomElement form = page.getElementById("passkey-add");
            JsonNode options = Http.json(passkeyPost(browser, form, form.getAttribute("data-options"), null).getContentAsString());
            assertThat(options.get("user").get("name").asString()).isEqualTo("ada");
            assertThat(options.get("rp").get("id").asString()).isEqualTo("localhost");
            assertThat(options.get("authenticatorSelection").get("userVerification").asString()).isEqualTo("required");
            assertThat(options.get("authenticatorSelection").get("residentKey").asString()).isEqualTo("required");

            String forged = "{\"publicKey\": {\"label\": \"Forged\", \"credential\": {\"id\": \"AAAA\", "
                    + "\"rawId\": \"AAAA\", \"type\": \"public-key\", \"response\": {\"attestationObject\": "
                    + "\"AAAA\", \"clientDataJSON\": \"AAAA\", \"transports\": []}, \"clientExtensionResults\": {}}}}";
            assertThat(passkeyPost(browser, form, form.getAttribute("data-action"), forged).getStatusCode())
                    .isEqualTo(400);
            assertThat(count("select count(*) from user_credentials")).isZero();
        }
    }

    /** A passkey endpoint called as the page's script calls it: JSON, with the page's CSRF header. */
    private static org.htmlunit.WebResponse passkeyPost(Browser browser, org.htmlunit.html.DomElement page,
                                                                 String path, String json) throws IOException {
        var request = new org.htmlunit.WebRequest(URI.create(ISSUER + path).toURL(), org.htmlunit.HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setAdditionalHeader(page.getAttribute("data-csrf-header"), page.getAttribute("data-csrf-token"));
        request.setRequestBody(json == null ? "" : json);
        browser.client().getOptions().setRedirectEnabled(false);
        try {
            return browser.client().loadWebResponse(request);
        } finally {
            browser.client().getOptions().setRedirectEnabled(true);
        }
    }

    /** An account made through the admin API, once per name; its last used TOTP step is reset for each test. */
    private Account account(String username, String role) {
        return ConsoleAccounts.account(ISSUER, adminToken(TEST_ADMIN, "portvakt.admin"), jdbc, username, role);
    }

    private static String code(Account account) {
        return account.code();
    }

    private static HtmlPage login(Browser browser, Account account, String code) throws IOException {
        return ConsoleAccounts.login(browser, ISSUER, account, code);
    }

    private static int systemTokenStatus() {
        return tokenStatus(SYSTEM);
    }

    private static int tokenStatus(String basic) {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "records.system", "resource", "https://api.test-partner.example/records"), basic).statusCode();
    }
}
