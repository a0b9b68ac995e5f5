package no.portvakt.server.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import no.portvakt.registry.PartnerApi;
import no.portvakt.representation.Person;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.server.groupcommit.Deadline;
import no.portvakt.server.login.Citizen;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The issuance is decided once, by the grant's rules or at the first token, and says whose name it is in. */
class IssuingTest {

    private static final RegisteredClient CLIENT = RegisteredClient.withId("1").clientId("portal")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();
    private static final PartnerApi API = new PartnerApi("https://api.example/records", "partner", "Records",
            Duration.ofMinutes(5), PartnerApi.AT_JWT, Map.of(), Map.of());
    // Synthetic numbers (month + 80, mod-11 valid).
    private static final String KARI = "47906701517";
    private static final String OLA = "28816196088";

    @Test
    void aGrantWhoseRulesDecideItIsDecidedOnceAndNeverAtItsFirstToken() {
        Issuing issuing = Issuing.byRules();
        assertThatThrownBy(() -> issuing.issuance(() -> system(Optional.empty())))
                .isInstanceOf(IllegalStateException.class);
        Issuance decided = system(Optional.of(OLA));
        issuing.decide(decided);
        assertThat(issuing.issuance(() -> system(Optional.empty()))).isSameAs(decided);
        assertThatThrownBy(() -> issuing.decide(decided)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCodeFlowsIssuanceIsDecidedAtItsFirstTokenAndSharedByTheNext() {
        Issuing issuing = Issuing.atFirstToken();
        assertThat(issuing.decided()).isEmpty();
        Issuance first = issuing.issuance(this::kariForOla);
        assertThat(issuing.issuance(this::kariForOla)).isSameAs(first);
        assertThat(first.actingPid()).contains(KARI);
        assertThat(first.representedPid()).contains(OLA);
        assertThat(first.inCitizensName()).isTrue();
    }

    @Test
    void aSystemTokenIsInACitizensNameOnlyWhenItNamesOne() {
        assertThat(system(Optional.empty()).inCitizensName()).isFalse();
        Issuance named = system(Optional.of(OLA));
        assertThat(named.inCitizensName()).isTrue();
        assertThat(named.actingPid()).isEmpty();
        assertThat(named.representedPid()).contains(OLA);
    }

    @Test
    void aTokenCannotBothActForALoggedInCitizenAndNameAnother() {
        Issuance acting = kariForOla();
        assertThatThrownBy(() -> new Issuance(CLIENT, List.of(API), acting.acting(), Optional.of(OLA),
                Set.of("records.read"), "partner", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pendingChecksAreKeptInTheOrderTheRulesListThem() {
        List<String> ran = new ArrayList<>();
        PendingCheck jti = (records, deadline) -> { ran.add("jti"); return CompletableFuture.completedFuture(false); };
        PendingCheck subject = (records, deadline) -> { ran.add("subject"); return CompletableFuture.completedFuture(true); };
        Issuance issuance = system(Optional.empty()).pendingOn(jti).pendingOn(subject);
        issuance.pending().forEach(check -> check.settle(List.of(), Deadline.in(Duration.ofSeconds(1))));
        assertThat(ran).containsExactly("jti", "subject");
        assertThatThrownBy(() -> issuance.pending().add(jti)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Issuance system(Optional<String> citizen) {
        return Issuance.forSystem(CLIENT, API, citizen, Set.of("records.read"));
    }

    private Issuance kariForOla() {
        Citizen kari = new Citizen(KARI, "Kari", "Testesen", "idporten-loa-high", List.of("TestID"), Instant.now(),
                "sid-1", OLA);
        Representation forOla = new Representation(Relation.POWER_OF_ATTORNEY,
                new Person(OLA, "Ola", "Nordmann", null, null, false), null, null);
        return Issuance.forCitizen(CLIENT, List.of(), new Issuance.Acting(kari, forOla), Set.of("openid"), "partner");
    }
}
