package no.portvakt.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.Subscription;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.pvk.settings.PrivacySettings;
import no.portvakt.server.support.StandInSubscriber;
import no.portvakt.server.PortvaktApplication;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two Portvakt instances on one database behave as one: sessions, codes and keys are shared. */
class SecondInstanceTest extends PortvaktTestBase {

    private static ConfigurableApplicationContext second;
    private static String secondUrl;

    @BeforeAll
    static void startSecondInstance() {
        int port = freePort();
        secondUrl = "http://localhost:" + port;
        second = new SpringApplicationBuilder(PortvaktApplication.class).profiles("test")
                .run(instanceArguments("--server.port=" + port));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnTheOtherAndEndsOnBoth() throws Exception {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt first = client.start("openid", b -> { });
            browser.loginAs(browser.open(first.request().toURI()), KARI, "idporten-loa-substantial");
            RP.takeCallback();

            // The same browser at the other instance: no login, a code at once.
            OidcClient.Attempt onSecond = client.start("openid", b -> { });
            URI viaSecond = URI.create(onSecond.request().toURI().toString().replace(ISSUER, secondUrl));
            assertThat(browser.open(viaSecond).getUrl().toString()).startsWith(callbackUri());
            // The code it issued is redeemed at the first instance; the ID token validates with the shared keys.
            var code = client.code(onSecond, callback());
            assertThat(client.validate(OidcClient.idToken(client.redeem(onSecond, code)), onSecond).getSubject())
                    .isNotNull();

            // Logging out at the second instance ends the session at the first too.
            HtmlPage home = browser.open(URI.create(secondUrl + "/"));
            home.<HtmlButton>getFirstByXPath("//form[contains(@action,'/logout')]//button").click();
            HtmlPage login = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(login.getUrl().getPath()).isEqualTo("/login");
        }
    }

    @Test
    void bothInstancesDeliverFromOneOutboxAndNoKeyIsOutOfOrder() {
        PvkRegistry registry = second.getBean(PvkRegistry.class);
        PrivacySettings settings = second.getBean(PrivacySettings.class);
        StandInSubscriber subscriber = StandInSubscriber.start(ISSUER, "https://api.test-partner.example/privacy",
                "privacy.store");
        try {
            subscriber.slow(Duration.ofMillis(30));
            Definition definition = new Definition(UUID.randomUUID(), "test-partner", PiType.RESERVASJON,
                    new LocalisedText("To instanser", "To instansar", "Two instances"),
                    new LocalisedText("t", "t", "t"), false, true);
            registry.saveDefinition("test", definition);
            registry.saveSubscription("test", new Subscription("two-" + definition.guid(), "test-partner",
                    "https://api.test-partner.example/privacy", "privacy.store", URI.create(subscriber.url()),
                    Set.of(definition.guid())));
            List<String> citizens = List.of(KARI, "28816196088", "10831552064", "20861252052");
            for (int round = 1; round <= 10; round++) {
                for (String pid : citizens) {
                    settings.changeAsClient("test", Channel.ADMIN_API, pid, definition.guid(), round % 2 == 1);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= 40);

            Map<String, Long> last = new HashMap<>();
            for (StandInSubscriber.Arrival arrival : subscriber.received()) {
                Long before = last.put(arrival.key(), arrival.sequence());
                assertThat(before == null || before < arrival.sequence())
                        .as("%s: %s after %s", arrival.key(), arrival.sequence(), before).isTrue();
            }
            assertThat(last.values()).containsOnly(10L);
            assertThat(subscriber.state().values()).containsOnly(false);
            // Each instance gets its own SystemToken: two token ids, two instances that delivered.
            assertThat(subscriber.received().stream().map(a -> a.token().getId()).distinct().count())
                    .isEqualTo(2);
        } finally {
            subscriber.stop();
        }
    }
}
