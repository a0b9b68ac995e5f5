package no.portvakt.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.Subscription;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.StandInSubscriber;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The citizen's privacy settings page, in a browser without JavaScript: see, change with a confirmation, history. */
class PrivacyPageTest extends PortvaktTestBase {

    static final String OLA = "28816196088";
    static final String NORA = "10831552064";   // under 12, lives with Ola
    static final String EMIL = "20861252052";   // 12 to 15

    @Autowired
    PvkRegistry registry;
    @Autowired
    JdbcClient jdbc;

    StandInSubscriber subscriber;
    Definition consent;

    @BeforeEach
    void definitionWithASubscriber() {
        consent = new Definition(UUID.randomUUID(), "test-partner", PiType.SAMTYKKE,
                new LocalisedText("Kvalitetsregister " + UUID.randomUUID().toString().substring(0, 8),
                        "Kvalitetsregister", "Quality registry"),
                new LocalisedText("Registeret kan bruke opplysninger om behandlingen.",
                        "Registeret kan bruke opplysningar om behandlinga.",
                        "The registry may use data about the treatment."), false, true);
        registry.saveDefinition("test", consent);
        subscriber = StandInSubscriber.start(ISSUER, "https://api.test-partner.example/privacy", "privacy.store");
        registry.saveSubscription("test", new Subscription("page-" + consent.guid(), "test-partner",
                "https://api.test-partner.example/privacy", "privacy.store", URI.create(subscriber.url()),
                Set.of(consent.guid())));
    }

    @AfterEach
    void stop() {
        subscriber.stop();
    }

    @Test
    void aParentGivesConsentForAChildUnderTwelveAfterConfirmingAndSeesWhoWasTold() throws IOException {
        try (Browser browser = new Browser().withoutJavaScript()) {
            loginActingFor(browser, NORA);
            HtmlPage home = browser.open(URI.create(ISSUER + "/"));
            HtmlPage list = ((HtmlAnchor) home.getFirstByXPath("//a[@href='/personvern']")).click();
            assertThat(list.asNormalizedText()).contains("Personverninnstillinger", "Innstillinger for Nora Nordmann",
                    consent.name().nb(), "Registeret kan bruke opplysninger om behandlingen.");
            HtmlPage details = link(list).click();
            assertThat(details.asNormalizedText()).contains("Samtykke er ikke gitt",
                    "Innstillingen er aldri endret");

            HtmlPage confirm = ((HtmlButton) details.getFirstByXPath("//main//form//button")).click();
            assertThat(confirm.asNormalizedText()).contains("Bekreft endringen", "Nå: Samtykke er ikke gitt",
                    "Etter endringen: Samtykke er gitt");
            assertThat(changes()).isZero(); // nothing before the confirmation

            HtmlPage done = ((HtmlButton) confirm.getFirstByXPath("//main//form//button")).click();
            assertThat(done.getUrl().getPath()).isEqualTo("/personvern");
            assertThat(done.asNormalizedText()).contains("Innstillingen er endret");
            assertThat(changes()).isOne();
            assertThat(jdbc.sql("select actor_pid || ' ' || relation || ' ' || channel from pvk_setting_change"
                    + " where definition_guid = ?").param(consent.guid()).query(String.class).single())
                    .isEqualTo(OLA + " parent citizen_page");

            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() == 1);
            HtmlPage history = link(browser.open(URI.create(ISSUER + "/personvern"))).click();
            assertThat(history.asNormalizedText()).contains("Samtykke er gitt", "Endret av deg som forelder",
                    "Fikk beskjed: Test Partner AS");
        }
    }

    @Test
    void aParentOfATeenagerSeesWhyTheSettingCannotBeChangedAndAForgedChangeStoresNothing() throws IOException {
        try (Browser browser = new Browser().withoutJavaScript()) {
            loginActingFor(browser, EMIL);
            HtmlPage details = link(browser.open(URI.create(ISSUER + "/personvern"))).click();
            assertThat(details.asNormalizedText()).contains("Du kan ikke endre denne innstillingen",
                    "Når barnet er mellom 12 og 15 år");
            assertThat((Object) details.getFirstByXPath("//main//form")).isNull();

            // The confirmation page of a change the rules refuse, submitted anyway.
            HtmlPage confirm = browser.open(URI.create(ISSUER + "/personvern/" + consent.guid() + "/endre?aktiv=true"));
            HtmlPage refused = ((HtmlButton) confirm.getFirstByXPath("//main//form//button")).click();
            assertThat(refused.asNormalizedText()).contains("Når barnet er mellom 12 og 15 år");
            assertThat(refused.getFirstByXPath("//div[@role='alert']") != null).isTrue();
            assertThat(changes()).isZero();
        }
    }

    @Test
    void thePageSpeaksNynorskAndEnglish() throws IOException {
        try (Browser browser = new Browser().withoutJavaScript()) {
            loginActingFor(browser, OLA);
            assertThat(browser.<HtmlPage>open(URI.create(ISSUER + "/personvern?lang=nn")).asNormalizedText())
                    .contains("Personverninnstillingar", "Samtykke er ikkje gitt");
            assertThat(browser.<HtmlPage>open(URI.create(ISSUER + "/personvern?lang=en")).asNormalizedText())
                    .contains("Privacy settings", "Quality registry", "Consent not given");
        }
    }

    @Test
    void anUnknownSettingIsNotFoundAndTheFormNeedsItsCsrfToken() throws IOException {
        try (Browser browser = new Browser().withoutJavaScript()) {
            loginActingFor(browser, OLA);
            assertThat(browser.open(URI.create(ISSUER + "/personvern/" + UUID.randomUUID())).getWebResponse()
                    .getStatusCode()).isEqualTo(404);
            assertThat(browser.open(URI.create(ISSUER + "/personvern/not-a-guid")).getWebResponse()
                    .getStatusCode()).isEqualTo(404);
            // Ola may change his own setting, but not by a form another site made: no CSRF token, no change.
            org.htmlunit.WebRequest forged = new org.htmlunit.WebRequest(
                    URI.create(ISSUER + "/personvern/" + consent.guid()).toURL(), org.htmlunit.HttpMethod.POST);
            forged.setRequestParameters(java.util.List.of(new org.htmlunit.util.NameValuePair("aktiv", "true")));
            assertThat(browser.client().getPage(forged).getWebResponse().getStatusCode()).isEqualTo(403);
        }
        assertThat(changes()).isZero();
    }

    private void loginActingFor(Browser browser, String pid) {
        HtmlPage login = browser.open(URI.create(ISSUER + "/login"));
        var next = browser.login(login, OLA, "idporten-loa-substantial");
        if (Browser.isRepresentationPage(next)) {
            browser.actFor((HtmlPage) next, pid);
        }
    }

    private HtmlAnchor link(HtmlPage list) {
        return list.getFirstByXPath("//a[@href='/personvern/" + consent.guid() + "']");
    }

    private long changes() {
        return jdbc.sql("select count(*) from pvk_setting_change where definition_guid = ?").param(consent.guid())
                .query(Long.class).single();
    }
}
