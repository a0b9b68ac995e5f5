package no.portvakt.server.pvk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.Subscription;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.pvk.settings.PrivacySettings;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.store.RegistryAdministration;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.StandInSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Situation 5: a change of a citizen's privacy setting reaches every subscriber, with a SystemToken for the
 * subscriber's API, in order per citizen and definition, whatever the subscriber does meanwhile. Real HTTP
 * subscribers, the real token endpoint, the delivery worker as it runs in production.
 */
class PvkDeliveryTest extends PortvaktTestBase {

    static final String PRIVACY_API = "https://api.test-partner.example/privacy";
    static final String OLA = "28816196088";
    static final String NORA = "10831552064";

    @Autowired
    PvkRegistry registry;
    @Autowired
    PrivacySettings settings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ClientRegistry clients;
    @Autowired
    RegistryAdministration administration;

    StandInSubscriber subscriber;
    Definition definition;
    String subscriptionId;

    @BeforeEach
    void subscribe() {
        subscriber = StandInSubscriber.start(ISSUER, PRIVACY_API, "privacy.store");
        definition = newDefinition(PiType.SAMTYKKE);
        subscriptionId = "sub-" + UUID.randomUUID();
        registry.saveSubscription("test", new Subscription(subscriptionId, "test-partner", PRIVACY_API,
                "privacy.store", URI.create(subscriber.url()), Set.of(definition.guid())));
    }

    @AfterEach
    void stop() {
        subscriber.stop();
    }

    @Test
    void aChangeReachesTheSubscriberWithASystemTokenForItsApiAndTheFieldsOfTheOperation() {
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
        settings.changeAsCitizen(KARI, KARI, definition.guid(), false);

        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.received().size() == 2);
        StandInSubscriber.Arrival first = subscriber.received().get(0);
        assertThat(first.body().path("innbyggerFnr").asString()).isEqualTo(KARI);
        assertThat(first.body().path("definisjonGuid").asString()).isEqualTo(definition.guid().toString());
        assertThat(first.body().path("definisjonNavn").asString()).isEqualTo(definition.name().nb());
        assertThat(first.body().path("partKode").asString()).isEqualTo("test-partner");
        assertThat(first.body().path("typePi").asString()).isEqualTo("samtykke");
        assertThat(first.body().path("status").asBoolean()).isTrue();
        assertThat(first.body().path("sekvensnummer").asLong()).isEqualTo(1);
        assertThat(first.body().path("endretTidspunkt").asString()).isNotBlank();
        assertThat(first.idempotencyKey()).isEqualTo(first.body().path("meldingId").asString());
        assertThat(first.token().getAudience()).containsExactly(PRIVACY_API);
        assertThat(first.token().getClaimAsString("client_id")).isEqualTo("pvk");
        assertThat(first.token().getClaimAsString("scope")).isEqualTo("privacy.store");

        StandInSubscriber.Arrival second = subscriber.received().get(1);
        assertThat(second.body().path("status").asBoolean()).isFalse();
        assertThat(second.body().path("sekvensnummer").asLong()).isEqualTo(2);
        assertThat(second.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
        // One token per subscriber API, reused: never one per message.
        assertThat(second.token().getId()).isEqualTo(first.token().getId());
        assertThat(subscriber.state()).containsEntry(KARI + "/" + definition.guid(), false);
    }

    @Test
    void aSubscriberThatIsDownGetsEveryChangeInOrderPerCitizenWhenItComesBack() {
        subscriber.down();
        List<String> citizens = List.of(KARI, OLA);
        Map<String, Boolean> expected = new HashMap<>();
        for (int round = 0; round < 4; round++) {
            for (String pid : citizens) {
                boolean active = round % 2 == 0;
                settings.changeAsClient("test", Channel.ADMIN_API, pid, definition.guid(), active);
                expected.put(pid + "/" + definition.guid(), active);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> attempted() > 0);
        assertThat(subscriber.arrivals()).isEmpty();

        subscriber.up();
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered() == 8);
        assertInOrderPerKey(subscriber.received());
        assertThat(subscriber.state()).isEqualTo(expected);
        assertThat(subscriber.received()).hasSize(8); // none lost, none twice
    }

    /**
     * A delivery URL Portvakt may not send to (the cloud's metadata address) is refused when registered, and, found
     * in the table as if registered before the rule, when a message is sent: a dead letter naming why, and the
     * SystemToken never sent there.
     */
    @Test
    void aDeliveryUrlPortvaktMayNotReachIsRefusedWhenRegisteredAndWhenSent() {
        String metadata = "http://169.254.169.254/latest/meta-data";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.saveSubscription("test", new Subscription(
                        "sub-metadata", "test-partner", PRIVACY_API, "privacy.store", URI.create(metadata),
                        Set.of(definition.guid()))))
                .isInstanceOf(InvalidEntry.class).hasMessageContaining("link-local");
        jdbc.sql("update pvk_subscription set delivery_url = ? where id = ?").params(metadata, subscriptionId)
                .update();
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("dead") == 1);
        assertThat(jdbc.sql("select last_error from pvk_delivery where subscription_id = ?").param(subscriptionId)
                .query(String.class).single()).contains("delivery URL").contains("link-local");
    }

    @Test
    void aServerErrorIsRetriedAndTheNextAnswerIsTheReceipt() {
        subscriber.answer(500, 1, Map.of());
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered() == 1);
        assertThat(subscriber.arrivals()).extracting(StandInSubscriber.Arrival::answered).containsExactly(500, 204);
        assertThat(subscriber.arrivals().get(0).idempotencyKey())
                .isEqualTo(subscriber.arrivals().get(1).idempotencyKey());
        assertThat(jdbc.sql("select attempts from pvk_delivery where subscription_id = ?").param(subscriptionId)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        subscriber.answer(429, 1, Map.of("Retry-After", "2"));
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);

        await().atMost(Duration.ofSeconds(15)).until(() -> delivered() == 1);
        List<StandInSubscriber.Arrival> arrivals = subscriber.arrivals();
        assertThat(arrivals).extracting(StandInSubscriber.Arrival::answered).containsExactly(429, 204);
        // The back-off would have tried again after 0.1 to 0.2 s; the subscriber asked for 2 s.
        assertThat(Duration.between(arrivals.get(0).at(), arrivals.get(1).at())).isGreaterThan(Duration.ofMillis(1900));
    }

    @Test
    void aRefusalIsADeadLetterThatHoldsBackItsKeyUntilAnOperatorRedeliversIt() {
        subscriber.answer(400, 1, Map.of());
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("dead") == 1);
        settings.changeAsCitizen(KARI, KARI, definition.guid(), false); // later: held behind the dead letter
        settings.changeAsClient("test", Channel.ADMIN_API, OLA, definition.guid(), true); // another key: proceeds
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered() == 1);
        assertThat(count("pending")).isEqualTo(1);

        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        var backlog = Http.json(Http.get(ISSUER + "/admin/api/pvk/backlog", "Authorization", "Bearer " + admin));
        var mine = backlog.path("subscriptions").valueStream()
                .filter(s -> s.path("subscription").asString().equals(subscriptionId)).findFirst().orElseThrow();
        assertThat(mine.path("dead").asLong()).isEqualTo(1);
        assertThat(mine.path("waiting").asLong()).isEqualTo(1);
        assertThat(mine.path("last_error").asString()).isEqualTo("HTTP 400");
        var dead = Http.json(Http.get(ISSUER + "/admin/api/pvk/subscriptions/" + subscriptionId + "/messages?state=dead",
                "Authorization", "Bearer " + admin)).path("messages");
        assertThat(dead).hasSize(1);

        var redelivered = Http.postJson(ISSUER + "/admin/api/pvk/messages/" + dead.get(0).path("messageId").asString()
                + "/redelivery", admin, "");
        assertThat(redelivered.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered() == 3);
        assertInOrderPerKey(subscriber.received());
        assertThat(subscriber.state()).containsEntry(KARI + "/" + definition.guid(), false);
    }

    @Test
    void aMessageWhoseWorkerDiedIsSentAgainWhenItsLeaseEnds() {
        // The worker that took the message is gone: its lease (here 2 s ahead) is all that is left of it.
        jdbc.sql("update pvk_subscription set resting_until = now() + interval '1 hour' where id = ?")
                .param(subscriptionId).update();
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
        jdbc.sql("""
                update pvk_delivery set attempts = 1, last_attempt_at = now(),
                    next_attempt_at = now() + interval '2 seconds' where subscription_id = ?
                """).param(subscriptionId).update();
        jdbc.sql("update pvk_subscription set resting_until = null where id = ?").param(subscriptionId).update();

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> delivered() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered() == 1);
        assertThat(jdbc.sql("select attempts from pvk_delivery where subscription_id = ?").param(subscriptionId)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aSubscriberThatHangsIsGivenUpOnAtTheReadTimeoutAndTriedAgain() {
        subscriber.hangOnce();
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);

        await().atMost(Duration.ofSeconds(15)).until(() -> delivered() == 1);
        assertThat(jdbc.sql("select attempts from pvk_delivery where subscription_id = ?").param(subscriptionId)
                .query(Integer.class).single()).isEqualTo(2);
        subscriber.release();
    }

    @Test
    void aRedirectIsNeverFollowedAndTheMessageIsADeadLetter() {
        StandInSubscriber elsewhere = StandInSubscriber.start(ISSUER, PRIVACY_API, "privacy.store");
        try {
            subscriber.answer(307, 1, Map.of("Location", elsewhere.url()));
            settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> count("dead") == 1);
            assertThat(jdbc.sql("select last_error from pvk_delivery where subscription_id = ?")
                    .param(subscriptionId).query(String.class).single()).contains("307", "redirect");
            assertThat(elsewhere.arrivals()).isEmpty(); // the token never travelled there
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void whenNoSystemTokenCanBeHadTheMessageWaitsAndArrivesOnceOneCan() {
        String archive = "https://api.test-partner.example/privacy-archive";
        StandInSubscriber archiveSubscriber = StandInSubscriber.start(ISSUER, archive, "privacy.store");
        String registered = clients.findClient("pvk").orElseThrow().jwks();
        try {
            replaceJwks(new com.nimbusds.jose.jwk.JWKSet(rsaKey("not-pvks-key").toPublicJWK()).toString());
            registry.saveSubscription("test", new Subscription("archive-" + definition.guid(), "test-partner", archive,
                    "privacy.store", URI.create(archiveSubscriber.url()), Set.of(definition.guid())));
            settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                    select count(*) from pvk_delivery where subscription_id = ? and last_error like 'no SystemToken%'
                    """).param("archive-" + definition.guid()).query(Long.class).single() == 1);
            assertThat(archiveSubscriber.arrivals()).isEmpty();

            replaceJwks(registered);
            await().atMost(Duration.ofSeconds(20)).until(() -> archiveSubscriber.received().size() == 1);
            assertThat(archiveSubscriber.received().get(0).token().getAudience()).containsExactly(archive);
        } finally {
            replaceJwks(registered);
            archiveSubscriber.stop();
        }
    }

    @Test
    void everyChangeArrivesInOrderWhenTheDatabaseDropsEveryConnectionMidDelivery() {
        subscriber.slow(Duration.ofMillis(50));
        for (int round = 1; round <= 6; round++) {
            settings.changeAsClient("test", Channel.ADMIN_API, KARI, definition.guid(), round % 2 == 1);
            settings.changeAsClient("test", Channel.ADMIN_API, OLA, definition.guid(), round % 2 == 1);
            if (round == 3) {
                // What the application sees of a PostgreSQL restart: every other connection ends at once.
                jdbc.sql("""
                        select count(pg_terminate_backend(pid)) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
                        """).query(Long.class).single();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered() == 12);
        assertInOrderPerKey(subscriber.received());
        assertThat(subscriber.state().values()).containsOnly(false);
    }

    @Test
    void receivedMessagesAreCleanedUpAfterTheRetentionAndTheReceiptsStay() {
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered() == 1);
        jdbc.sql("update pvk_delivery set delivered_at = now() - interval '8 days' where subscription_id = ?")
                .param(subscriptionId).update();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered() == 0);
        assertThat(jdbc.sql("select count(*) from pvk_receipt where subscription_id = ?").param(subscriptionId)
                .query(Long.class).single()).isOne();
    }

    @Test
    void aChangeForAnUnknownDefinitionOrCitizenIsRefusedWithItsField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.changeAsClient("test", Channel.ADMIN_API,
                KARI, UUID.randomUUID(), true)).isInstanceOf(InvalidEntry.class).hasMessageContaining("not a definition");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.changeAsClient("test", Channel.ADMIN_API,
                "05895894984", definition.guid(), true)) // valid, but not in the register
                .isInstanceOf(InvalidEntry.class).extracting(e -> ((InvalidEntry) e).field()).isEqualTo("innbyggerFnr");
        assertThat(count("pending") + delivered()).isZero();
    }

    @Test
    void aReceiptThatComesTooLateIsATimeoutTheMessageComesAgainAndTheSubscriberStoresItOnce() {
        subscriber.slowOnce(Duration.ofSeconds(3)); // the read timeout here is 2 s
        settings.changeAsCitizen(KARI, KARI, definition.guid(), true);

        await().atMost(Duration.ofSeconds(15)).until(() -> delivered() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received().size() == 2);
        assertThat(subscriber.received()).extracting(StandInSubscriber.Arrival::idempotencyKey).containsOnly(
                subscriber.received().get(0).idempotencyKey());
        assertThat(subscriber.state()).containsEntry(KARI + "/" + definition.guid(), true);
    }

    @Test
    void aSubscriberAnsweringGarbageIsTriedAgainAndNothingIsTakenForAReceipt() throws Exception {
        try (java.net.ServerSocket garbage = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread answering = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try (java.net.Socket socket = garbage.accept()) {
                        connections.incrementAndGet();
                        socket.getOutputStream().write("\u0000\u00ffnot http at all\r\n\r\n".getBytes(
                                java.nio.charset.StandardCharsets.ISO_8859_1));
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            registry.saveSubscription("test", new Subscription(subscriptionId, "test-partner", PRIVACY_API,
                    "privacy.store", URI.create("http://localhost:" + garbage.getLocalPort() + "/pvk"),
                    Set.of(definition.guid())));
            settings.changeAsCitizen(KARI, KARI, definition.guid(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.get() >= 2);
            assertThat(count("pending")).isOne();
            assertThat(delivered()).isZero();

            // The subscriber is fixed (here: its address): the message arrives.
            registry.saveSubscription("test", new Subscription(subscriptionId, "test-partner", PRIVACY_API,
                    "privacy.store", URI.create(subscriber.url()), Set.of(definition.guid())));
            jdbc.sql("update pvk_subscription set resting_until = null where id = ?").param(subscriptionId).update();
            await().atMost(Duration.ofSeconds(15)).until(() -> delivered() == 1);
        }
    }

    @Test
    void aChangeTheRulesRefuseStoresNothing() {
        Definition own = newDefinition(PiType.RESERVASJON);
        // Kari holds Ola's ordinary power of attorney: it never changes his reservations.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.changeAsCitizen(KARI, OLA, own.guid(), true))
                .hasMessageContaining("ordinary power of attorney");
        assertThat(jdbc.sql("select count(*) from pvk_setting_change where definition_guid = ?").param(own.guid())
                .query(Long.class).single()).isZero();
    }

    /** PVK's registered keys replaced, as the partner page does it: the caches here drop the client at once. */
    private void replaceJwks(String jwks) {
        administration.replaceJwks("test", clients.findClient("pvk").orElseThrow(), jwks);
    }

    private Definition newDefinition(PiType type) {
        Definition d = new Definition(UUID.randomUUID(), "test-partner", type,
                new LocalisedText("Testdefinisjon", "Testdefinisjon", "Test definition"),
                new LocalisedText("Tekst", "Tekst", "Text"), false, true);
        registry.saveDefinition("test", d);
        return d;
    }

    private static void assertInOrderPerKey(List<StandInSubscriber.Arrival> arrivals) {
        Map<String, Long> last = new HashMap<>();
        List<String> violations = new ArrayList<>();
        for (StandInSubscriber.Arrival a : arrivals) {
            Long before = last.put(a.key(), a.sequence());
            if (before != null && before > a.sequence()) {
                violations.add(a.key() + ": " + a.sequence() + " after " + before);
            }
        }
        assertThat(violations).isEmpty();
    }

    private long delivered() {
        return count("delivered");
    }

    private long count(String state) {
        return jdbc.sql("select count(*) from pvk_delivery where subscription_id = ? and state = ?")
                .params(subscriptionId, state).query(Long.class).single();
    }

    private long attempted() {
        return jdbc.sql("select coalesce(sum(attempts), 0) from pvk_delivery where subscription_id = ?")
                .param(subscriptionId).query(Long.class).single();
    }
}
