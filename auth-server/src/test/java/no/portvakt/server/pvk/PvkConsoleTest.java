package no.portvakt.server.pvk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.settings.PrivacySettings;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ConsoleAccounts;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.StandInSubscriber;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PVK in the admin console: an operator declares a definition and a subscription, sees a dead letter, sends it again. */
class PvkConsoleTest extends PortvaktTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PvkRegistry registry;
    @Autowired
    PrivacySettings settings;

    @Test
    void anOperatorDeclaresADefinitionAndASubscriptionThenRedeliversADeadLetter() throws IOException {
        StandInSubscriber subscriber = StandInSubscriber.start(ISSUER, PvkDeliveryTest.PRIVACY_API, "privacy.store");
        ConsoleAccounts.Account operator = ConsoleAccounts.account(ISSUER, adminToken(TEST_ADMIN, "portvakt.admin"),
                jdbc, "pvk-operator", "admin");
        String name = "Screeningprogram " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser().withoutJavaScript()) {
            ConsoleAccounts.login(browser, ISSUER, operator, operator.code());
            HtmlPage overview = browser.open(URI.create(ISSUER + "/console/pvk"));
            assertThat(overview.asNormalizedText()).contains("Personverninnstillinger (PVK)", "Forskningsprosjekt");

            HtmlPage form = browser.open(URI.create(ISSUER + "/console/pvk/definitions/new"));
            HtmlForm definition = form.getFirstByXPath("//main//form");
            definition.getInputByName("part_kode").setValue("test-partner");
            definition.getSelectByName("type_pi").setSelectedAttribute("reservasjon", true);
            for (String language : new String[] {"nb", "nn", "en"}) {
                definition.getInputByName("name_" + language).setValue(name);
                definition.getTextAreaByName("text_" + language).setText("Tekst " + language);
            }
            // A missing text is shown with the form, as typed.
            definition.getTextAreaByName("text_en").setText("");
            HtmlPage refused = ((HtmlButton) definition.getFirstByXPath(".//button")).click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.asNormalizedText()).contains("text", name);
            definition = refused.getFirstByXPath("//main//form");
            definition.getTextAreaByName("text_en").setText("Text en");
            HtmlPage saved = ((HtmlButton) definition.getFirstByXPath(".//button")).click();
            assertThat(saved.asNormalizedText()).contains("Definisjonen er lagret", name);
            Definition made = registry.definitions().stream().filter(d -> d.name().nb().equals(name)).findFirst()
                    .orElseThrow();
            assertThat(made.type().value()).isEqualTo("reservasjon");

            HtmlForm subscription = browser.<HtmlPage>open(URI.create(ISSUER + "/console/pvk/subscriptions/new"))
                    .getFirstByXPath("//main//form");
            String id = "console-" + made.guid();
            subscription.getInputByName("id").setValue(id);
            subscription.getInputByName("partner").setValue("test-partner");
            subscription.getInputByName("resource").setValue(PvkDeliveryTest.PRIVACY_API);
            subscription.getInputByName("scope").setValue("privacy.store");
            subscription.getInputByName("delivery_url").setValue(subscriber.url());
            ((HtmlCheckBoxInput) subscription.getFirstByXPath(".//input[@value='" + made.guid() + "']")).setChecked(true);
            assertThat(((HtmlButton) subscription.getFirstByXPath(".//button")).<HtmlPage>click().asNormalizedText())
                    .contains("Abonnementet er lagret");
            assertThat(registry.subscription(id).orElseThrow().definitions()).containsExactly(made.guid());
            assertThat(jdbc.sql("select actor from registry_change where entity = 'pvk_subscription' and entity_id = ?")
                    .param(id).query(String.class).single()).isEqualTo("console:pvk-operator");

            subscriber.answer(410, 1, Map.of());
            settings.changeAsClient("test", Channel.ADMIN_API, KARI, made.guid(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(id) == 1);
            HtmlPage backlog = browser.open(URI.create(ISSUER + "/console/pvk"));
            assertThat(backlog.asNormalizedText()).contains(id, "HTTP 410");
            HtmlPage details = browser.open(URI.create(ISSUER + "/console/pvk/subscriptions/" + id));
            HtmlPage sent = ((HtmlButton) details.getFirstByXPath("//table[@id='dead']//form//button")).click();
            assertThat(sent.asNormalizedText()).contains("Meldingene sendes på nytt");
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() == 1);
            assertThat(deadLetters(id)).isZero();
        } finally {
            subscriber.stop();
        }
    }

    @Test
    void anAuditorSeesTheBacklogButNoFormsAndCannotRedeliver() throws IOException {
        ConsoleAccounts.Account auditor = ConsoleAccounts.account(ISSUER, adminToken(TEST_ADMIN, "portvakt.admin"),
                jdbc, "pvk-auditor", "auditor");
        try (Browser browser = new Browser().withoutJavaScript()) {
            ConsoleAccounts.login(browser, ISSUER, auditor, auditor.code());
            HtmlPage overview = browser.open(URI.create(ISSUER + "/console/pvk"));
            assertThat(overview.asNormalizedText()).contains("Replikering til abonnenter");
            assertThat(overview.asNormalizedText()).doesNotContain("Ny definisjon");
            // The form is only a page; sending it is a change, which the console refuses an auditor.
            HtmlForm definition = browser.<HtmlPage>open(URI.create(ISSUER + "/console/pvk/definitions/new"))
                    .getFirstByXPath("//main//form");
            definition.getInputByName("part_kode").setValue("test-partner");
            for (String language : new String[] {"nb", "nn", "en"}) {
                definition.getInputByName("name_" + language).setValue("Auditor's");
                definition.getTextAreaByName("text_" + language).setText("t");
            }
            HtmlPage refused = ((HtmlButton) definition.getFirstByXPath(".//button")).click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(registry.definitions()).noneMatch(d -> d.name().nb().equals("Auditor's"));
        }
    }

    private long deadLetters(String subscription) {
        return jdbc.sql("select count(*) from pvk_delivery where subscription_id = ? and state = 'dead'")
                .param(subscription).query(Long.class).single();
    }
}
