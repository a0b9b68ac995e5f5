package no.portvakt.pvk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.LocalisedText;
import no.portvakt.pvk.PiType;
import no.portvakt.representation.InMemoryDirectory;
import no.portvakt.representation.PowerOfAttorney;
import no.portvakt.representation.Relation;
import no.portvakt.representation.RepresentationPolicy;
import no.portvakt.representation.RepresentationRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may change a citizen's privacy setting, each rule on a day the test chooses. */
class ChangeRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final Definition CONSENT = definition(PiType.SAMTYKKE, true);
    private static final Definition RESERVATION = definition(PiType.RESERVASJON, true);
    private static final Definition RESTRICTION = definition(PiType.TILGANGSBEGRENSNING, true);
    private static final Definition OWN_ONLY = definition(PiType.SAMTYKKE, false);

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private ChangeRules rules;

    @BeforeEach
    void family() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "home", false);
        directory.person("far", LocalDate.of(1984, 3, 1), "elsewhere", false);
        directory.person("barn", LocalDate.of(2018, 5, 5), "home", false);
        directory.person("ungdom", LocalDate.of(2012, 6, 20), "home", false);
        directory.parent("mor", "barn");
        directory.parent("far", "barn");
        directory.parent("mor", "ungdom");
        rules = rules(ChangePolicy.strict());
    }

    @Test
    void aPersonChangesTheirOwnSettingsFromTheirSixteenthBirthday() {
        directory.person("femten", LocalDate.of(2010, 12, 2), "x", false);
        assertRefused("femten", "femten", CONSENT, TODAY, Refusal.UNDER_16);
        assertAllowed("femten", "femten", CONSENT, LocalDate.of(2026, 12, 2), Relation.SELF);
        assertAllowed("mor", "mor", OWN_ONLY, TODAY, Relation.SELF);
    }

    @Test
    void aCitizenTheRegisterDoesNotKnowIsOfTheAgeTheirNumberSays() {
        assertAllowed("47906701517", "47906701517", CONSENT, TODAY, Relation.SELF); // born 1967
        assertRefused("10831552064", "10831552064", CONSENT, TODAY, Refusal.UNDER_16); // born 2015
        assertRefused("not-a-number", "not-a-number", CONSENT, TODAY, Refusal.UNKNOWN_PERSON);
    }

    @Test
    void parentsChangeTheSettingsOfAChildUnderTwelveWhereTheAddressRuleLetsThemActForIt() {
        assertAllowed("mor", "barn", CONSENT, TODAY, Relation.PARENT);
        assertAllowed("mor", "barn", RESERVATION, TODAY, Relation.PARENT);
        // The father does not live with the child, but the mother does: both parents may act (the address rule).
        assertAllowed("far", "barn", CONSENT, TODAY, Relation.PARENT);
        directory.person("barn", LocalDate.of(2018, 5, 5), "a third address", false);
        assertRefused("mor", "barn", CONSENT, TODAY, Refusal.NOT_REPRESENTED);
    }

    @Test
    void forAChildOfTwelveToFifteenAParentChangesOnlyWhatThePolicyAllows() {
        assertRefused("mor", "ungdom", CONSENT, TODAY, Refusal.TEEN_POLICY);
        assertRefused("mor", "ungdom", RESTRICTION, TODAY, Refusal.TEEN_POLICY);
        rules = rules(new ChangePolicy(Set.of(PiType.TILGANGSBEGRENSNING)));
        assertAllowed("mor", "ungdom", RESTRICTION, TODAY, Relation.PARENT);
        assertRefused("mor", "ungdom", CONSENT, TODAY, Refusal.TEEN_POLICY);
        // The day before the twelfth birthday, the child was still under 12.
        directory.person("tolv", LocalDate.of(2014, 12, 1), "home", false);
        directory.parent("mor", "tolv");
        assertAllowed("mor", "tolv", CONSENT, TODAY.minusDays(1), Relation.PARENT);
        assertRefused("mor", "tolv", CONSENT, TODAY, Refusal.TEEN_POLICY);
    }

    @Test
    void atSixteenTheParentsSayEnds() {
        assertRefused("mor", "ungdom", RESTRICTION, LocalDate.of(2028, 6, 20), Refusal.NOT_REPRESENTED);
    }

    @Test
    void anOrdinaryPowerOfAttorneyNeverChangesTheGiversConsentsOrReservations() {
        directory.power("mor", "far", PowerOfAttorney.Kind.ORDINARY, LocalDate.of(2026, 1, 1), null);
        assertRefused("far", "mor", CONSENT, TODAY, Refusal.ORDINARY_POWER_OF_ATTORNEY);
        assertRefused("far", "mor", RESERVATION, TODAY, Refusal.ORDINARY_POWER_OF_ATTORNEY);
        assertAllowed("far", "mor", RESTRICTION, TODAY, Relation.POWER_OF_ATTORNEY);
    }

    @Test
    void anAssignedPowerOfAttorneyAndAGuardianMay() {
        directory.person("helper", LocalDate.of(1970, 1, 1), "h", false);
        directory.person("verge", LocalDate.of(1970, 1, 1), "v", false);
        directory.power("mor", "helper", PowerOfAttorney.Kind.ASSIGNED_THROUGH_GP, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31));
        directory.guardianship("verge", "mor", LocalDate.of(2026, 1, 1), null);
        assertAllowed("helper", "mor", CONSENT, TODAY, Relation.ASSIGNED_POWER_OF_ATTORNEY);
        assertAllowed("verge", "mor", RESERVATION, TODAY, Relation.GUARDIAN);
        // The power ended with the year.
        assertRefused("helper", "mor", CONSENT, LocalDate.of(2027, 1, 1), Refusal.NOT_REPRESENTED);
    }

    @Test
    void aSettingThatIsThePersonsOwnDecisionIsChangedByNoRepresentative() {
        directory.person("verge", LocalDate.of(1970, 1, 1), "v", false);
        directory.guardianship("verge", "mor", LocalDate.of(2026, 1, 1), null);
        assertRefused("mor", "barn", OWN_ONLY, TODAY, Refusal.OWN_DECISION);
        assertRefused("verge", "mor", OWN_ONLY, TODAY, Refusal.OWN_DECISION);
    }

    @Test
    void nobodyWithAConfidentialAddressRepresentsOrIsRepresented() {
        directory.person("skjermet", LocalDate.of(2019, 1, 1), "home", true);
        directory.parent("mor", "skjermet");
        assertRefused("mor", "skjermet", CONSENT, TODAY, Refusal.CONFIDENTIAL_ADDRESS);
        directory.person("mor", LocalDate.of(1985, 3, 1), "home", true);
        assertRefused("mor", "barn", CONSENT, TODAY, Refusal.CONFIDENTIAL_ADDRESS);
        assertAllowed("mor", "mor", CONSENT, TODAY, Relation.SELF);
    }

    @Test
    void aStrangerMayNot() {
        assertRefused("far", "ungdom", RESTRICTION, TODAY, Refusal.NOT_REPRESENTED);
        assertRefused("far", "nobody", CONSENT, TODAY, Refusal.UNKNOWN_PERSON);
    }

    private ChangeRules rules(ChangePolicy policy) {
        RepresentationRules representation = new RepresentationRules(directory,
                RepresentationPolicy.builder().teenScopes(Set.of("records.read")).build());
        return new ChangeRules(representation, directory, policy);
    }

    private void assertAllowed(String actor, String subject, Definition definition, LocalDate day, Relation as) {
        ChangeDecision decision = rules.mayChange(actor, subject, definition, day);
        assertThat(decision.refusal()).as("refusal").isNull();
        assertThat(decision.relation()).isEqualTo(as);
    }

    private void assertRefused(String actor, String subject, Definition definition, LocalDate day, Refusal why) {
        assertThat(rules.mayChange(actor, subject, definition, day).refusal()).isEqualTo(why);
    }

    private static Definition definition(PiType type, boolean representativeMayChange) {
        LocalisedText text = new LocalisedText("t", "t", "t");
        return new Definition(UUID.randomUUID(), "partner", type, text, text, false, representativeMayChange);
    }
}
