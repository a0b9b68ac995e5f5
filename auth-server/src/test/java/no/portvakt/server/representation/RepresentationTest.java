package no.portvakt.server.representation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import no.portvakt.representation.Person;
import no.portvakt.server.audit.TokenAudit;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Acting for someone else: the choice after login, the switch, and the {@code representation} claim in the ID
 * token, the access token and userinfo, by the rules on the day the token is minted.
 */
class RepresentationTest extends PortvaktTestBase {

    private static final String OLA = "28816196088";
    private static final String NORA = "10831552064";
    private static final String EMIL = "20861252052";
    private static final String SUBSTANTIAL = "idporten-loa-substantial";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenAudit audit;

    @Autowired
    PersonDirectory persons;

    private OidcClient client;

    @BeforeEach
    void discover() {
        client = testRp();
    }

    @Test
    void aHolderOfAPowerOfAttorneyActsForTheGiverAndEveryTokenSaysSo() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid profile", b -> { });
            HtmlPage choice = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), KARI, SUBSTANTIAL);
            assertThat(Browser.isRepresentationPage(choice)).isTrue();
            String text = choice.asNormalizedText();
            assertThat(text).contains("Meg selv", "Ola Nordmann", "Har gitt deg fullmakt", "gjelder til 31.12.2027")
                    .doesNotContain("Nora");
            browser.actFor(choice, OLA);
            TokenResponse tokens = client.redeem(attempt, client.code(attempt, callback()));
            IDTokenClaimsSet id = client.validate(OidcClient.idToken(tokens), attempt);

            Map<String, Object> representation = id.getJSONObjectClaim("representation");
            assertThat(representation).containsEntry("relation", "power_of_attorney")
                    .containsEntry("valid_until", "2027-12-31").doesNotContainKey("scope_limits");
            @SuppressWarnings("unchecked")
            Map<String, Object> represented = (Map<String, Object>) representation.get("represented");
            assertThat(represented).containsEntry("name", "Ola Nordmann").containsEntry("birthdate", "1961-01-28")
                    .doesNotContainKey("pid"); // the client did not ask for the pid scope
            assertThat((String) represented.get("sub")).isNotBlank().isNotEqualTo(id.getSubject().getValue());
            assertThat(id.getStringClaim("name")).isEqualTo("Kari Testesen"); // who acts

            String accessToken = tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
            assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("representation"))
                    .isEqualTo(representation);
            JsonNode userinfo = Http.json(userinfo(accessToken));
            assertThat(userinfo.get("representation").get("relation").asString()).isEqualTo("power_of_attorney");
            assertThat(userinfo.get("representation").get("represented").get("sub").asString())
                    .isEqualTo(represented.get("sub"));
        }
        assertThat(audit.forCitizen(OLA)).anySatisfy(r -> {
            assertThat(r.actingPid()).isEqualTo(KARI);
            assertThat(r.representedPid()).isEqualTo(OLA);
            assertThat(r.tokenKind()).isEqualTo("id_token");
            assertThat(r.relation()).isEqualTo("power_of_attorney"); // how Kari acted, for Ola's access log
        });
    }

    @Test
    void aForgedChoiceOfSomeoneTheCitizenMayNotActForIsRefusedAndAudited() throws Exception {
        long before = refusals(KARI, NORA);
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            HtmlPage choice = (HtmlPage) browser.login(browser.open(attempt.request().toURI()), KARI, SUBSTANTIAL);
            HtmlRadioButtonInput ola = choice.getFirstByXPath("//input[@name='pid' and @value='" + OLA + "']");
            ola.setValueAttribute(NORA); // Kari may act for Ola, never for Ola's daughter
            Page refused = browser.actFor(choice, NORA);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(((HtmlPage) refused).asNormalizedText()).contains("Forsøket er registrert");
            assertThat(RP.takeCallback()).isNull();
            assertThat(refusals(KARI, NORA)).isEqualTo(before + 1);
            // Nothing was chosen: the authorization request still waits for a choice.
            assertThat(Browser.isRepresentationPage(browser.open(URI.create(ISSUER + "/representation")))).isTrue();
        }
    }

    @Test
    void aParentActsForAChildUnderTwelveWithoutLimitsAndForATeenWithTheTeenScopes() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt first = client.start("openid", b -> { });
            HtmlPage choice = (HtmlPage) browser.login(browser.open(first.request().toURI()), OLA, SUBSTANTIAL);
            assertThat(choice.asNormalizedText()).contains("Nora Nordmann", "Emil Nordmann",
                    "Barnet ditt – du har foreldreansvar", "Noen tjenester er ikke tilgjengelige")
                    .doesNotContain("Deg selv", "(");
            browser.actFor(choice, NORA);
            Map<String, Object> nora = client.finish(first, callback()).getJSONObjectClaim("representation");
            assertThat(nora).containsEntry("relation", "parent").doesNotContainKey("scope_limits");

            browser.actFor(browser.open(URI.create(ISSUER + "/representation")), EMIL);
            OidcClient.Attempt second = client.start("openid", b -> { });
            browser.open(second.request().toURI()); // single sign-on: no login, no choice page
            Map<String, Object> emil = client.finish(second, callback()).getJSONObjectClaim("representation");
            assertThat(emil).containsEntry("relation", "parent").containsEntry("scope_limits", List.of("records.read"));
        }
    }

    @Test
    void theSwitchPageChangesTheContextOfTokensMintedAfterIt() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt first = client.start("openid", b -> { });
            browser.actFor((HtmlPage) browser.login(browser.open(first.request().toURI()), KARI, SUBSTANTIAL), OLA);
            assertThat(client.finish(first, callback()).getJSONObjectClaim("representation"))
                    .containsEntry("relation", "power_of_attorney");

            HtmlPage home = (HtmlPage) browser.actFor(browser.open(URI.create(ISSUER + "/representation")), KARI);
            assertThat(home.getUrl().getPath()).isEqualTo("/");
            assertThat(home.asNormalizedText()).contains("Du bruker tjenestene for\nDeg selv", "Betydelig (som MinID)")
                    .doesNotContain("Meg selv", "idporten-loa");

            OidcClient.Attempt second = client.start("openid", b -> { });
            browser.open(second.request().toURI());
            IDTokenClaimsSet id = client.finish(second, callback());
            Map<String, Object> representation = id.getJSONObjectClaim("representation");
            assertThat(representation).containsEntry("relation", "self");
            assertThat(representation.get("represented")).isEqualTo(Map.of("sub", id.getSubject().getValue()));
        }
    }

    @Test
    void aChildWhoTurnsSixteenAtMidnightIsNoLongerRepresentedInTheNextToken() throws Exception {
        Person emil = persons.person(EMIL).orElseThrow();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid offline_access", b -> { });
            browser.actFor((HtmlPage) browser.login(browser.open(attempt.request().toURI()), OLA, SUBSTANTIAL), EMIL);
            TokenResponse tokens = client.redeem(attempt, client.code(attempt, callback()));
            String refreshToken = tokens.toSuccessResponse().getTokens().getRefreshToken().getValue();

            // Today, in Norway, is Emil's sixteenth birthday.
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
            persons.save(new Person(emil.pid(), emil.givenName(), emil.familyName(), today.minusYears(16),
                    emil.addressId(), emil.confidentialAddress()));

            HttpResponse<String> refreshed = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                    "grant_type", "refresh_token", "refresh_token", refreshToken), TEST_RP + ":" + TEST_RP_SECRET);
            assertThat(refreshed.statusCode()).isEqualTo(400);
            assertThat(Http.json(refreshed).get("error").asString()).isEqualTo("invalid_grant");
            assertThat(refreshed.headers().firstValue("Cache-Control")).hasValue("no-store");

            // The next authorization request sends Ola to choose again, and Emil is no longer there.
            OidcClient.Attempt again = client.start("openid", b -> { });
            HtmlPage choice = browser.open(again.request().toURI());
            assertThat(Browser.isRepresentationPage(choice)).isTrue();
            assertThat(choice.asNormalizedText()).contains("Nora Nordmann").doesNotContain("Emil");
        } finally {
            persons.save(emil);
        }
    }

    @Test
    void aCitizenWithNobodyToRepresentNeverSeesThePage() throws Exception {
        String solveig = "05895894984"; // a synthetic number the directory does not know
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid pid", b -> { });
            browser.login(browser.open(attempt.request().toURI()), solveig, SUBSTANTIAL);
            IDTokenClaimsSet id = client.finish(attempt, callback());
            assertThat(id.getStringClaim("pid")).isEqualTo(solveig);
            assertThat(id.getJSONObjectClaim("representation")).containsEntry("relation", "self")
                    .containsEntry("represented", Map.of("sub", id.getSubject().getValue(), "pid", solveig));
        }
    }

    @Test
    void withoutAChoiceASilentRequestIsInteractionRequired() throws Exception {
        try (Browser browser = new Browser()) {
            Page choice = browser.login(browser.open(URI.create(ISSUER + "/login")), KARI, SUBSTANTIAL);
            assertThat(Browser.isRepresentationPage(choice)).isTrue();
            OidcClient.Attempt silent = client.start("openid", b -> b.prompt(new Prompt("none")));
            browser.open(silent.request().toURI());
            assertThat(callback().getQuery()).contains("error=interaction_required");
        }
    }

    private long refusals(String acting, String subject) {
        return jdbc.sql("select count(*) from security_event where kind = 'representation_refused' "
                + "and acting_pid = ? and subject = ?").params(acting, subject).query(Long.class).single();
    }
}
