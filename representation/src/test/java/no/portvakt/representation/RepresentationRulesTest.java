package no.portvakt.representation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The representation rules, each on a day the test chooses. */
class RepresentationRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final Set<String> TEEN = Set.of("journal.read");
    private static final Set<String> ORDINARY = Set.of("journal.read", "appointments.write");

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private RepresentationRules rules;

    @BeforeEach
    void rules() {
        rules = new RepresentationRules(directory, RepresentationPolicy.builder().teenScopes(TEEN)
                .ordinaryPowerOfAttorneyScopes(ORDINARY).build());
    }

    @Test
    void everyoneMayActForThemself() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", false);
        assertThat(rules.whomMay("mor", TODAY)).singleElement()
                .satisfies(r -> assertThat(r.relation()).isEqualTo(Relation.SELF));
    }

    @Test
    void aParentActsForAChildUnderTwelveOnlyWhenAParentSharesTheChildsAddress() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", false);
        directory.person("far", LocalDate.of(1984, 3, 1), "a2", false);
        directory.person("barn", LocalDate.of(2018, 5, 5), "a1", false);
        directory.parent("mor", "barn");
        directory.parent("far", "barn");
        // The mother lives with the child, so both parents with responsibility may act.
        assertThat(rules.check("mor", "barn", TODAY)).hasValueSatisfying(r -> {
            assertThat(r.relation()).isEqualTo(Relation.PARENT);
            assertThat(r.restrictsScopes()).isFalse();
        });
        assertThat(rules.check("far", "barn", TODAY)).isPresent();
        // The child moves to an address where no parent lives: neither may.
        directory.person("barn", LocalDate.of(2018, 5, 5), "a3", false);
        assertThat(rules.check("mor", "barn", TODAY)).isEmpty();
        assertThat(rules.check("far", "barn", TODAY)).isEmpty();
    }

    @Test
    void aParentActsForATeenagerWithTheRestrictedScopes() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", false);
        directory.person("ungdom", LocalDate.of(2012, 6, 20), "a9", false);
        directory.parent("mor", "ungdom");
        assertThat(rules.check("mor", "ungdom", TODAY)).hasValueSatisfying(r ->
                assertThat(r.scopeLimits()).isEqualTo(TEEN));
    }

    @Test
    void aParentSeesInTheAccessLogOnlyTheUseTheyCouldMakeThemselves() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", false);
        directory.person("barn", LocalDate.of(2018, 5, 5), "a1", false);
        directory.person("ungdom", LocalDate.of(2012, 6, 20), "a1", false);
        directory.parent("mor", "barn");
        directory.parent("mor", "ungdom");
        Representation child = rules.check("mor", "barn", TODAY).orElseThrow();
        Representation teen = rules.check("mor", "ungdom", TODAY).orElseThrow();
        assertThat(child.maySeeOthersUseOf(Set.of("chat.read"))).isTrue();
        assertThat(child.maySeeOthersUseOf(Set.of())).isTrue();
        assertThat(teen.maySeeOthersUseOf(Set.of("journal.read"))).isTrue();
        assertThat(teen.maySeeOthersUseOf(Set.of("journal.read", "chat.read"))).isFalse();
        assertThat(teen.maySeeOthersUseOf(Set.of())).as("the teen's own login to a service").isFalse();
    }

    @Test
    void parentalRepresentationEndsAtMidnightOnTheSixteenthBirthday() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", false);
        directory.person("ungdom", LocalDate.of(2010, 12, 2), "a1", false);
        directory.parent("mor", "ungdom");
        assertThat(rules.check("mor", "ungdom", LocalDate.of(2026, 12, 1))).isPresent();
        assertThat(rules.check("mor", "ungdom", LocalDate.of(2026, 12, 2))).isEmpty();
    }

    @Test
    void aPowerOfAttorneyHoldsOnlyWhileValidAndBetweenOldEnoughPeople() {
        directory.person("giver", LocalDate.of(1940, 1, 1), "g", false);
        directory.person("holder", LocalDate.of(1970, 1, 1), "h", false);
        directory.power("giver", "holder", PowerOfAttorney.Kind.ORDINARY, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31));
        assertThat(rules.check("holder", "giver", TODAY)).hasValueSatisfying(r -> {
            assertThat(r.relation()).isEqualTo(Relation.POWER_OF_ATTORNEY);
            assertThat(r.scopeLimits()).isEqualTo(ORDINARY);
            assertThat(r.validUntil()).isEqualTo(LocalDate.of(2026, 12, 31));
        });
        assertThat(rules.check("holder", "giver", LocalDate.of(2025, 12, 31))).isEmpty();
        assertThat(rules.check("holder", "giver", LocalDate.of(2027, 1, 1))).isEmpty();
    }

    @Test
    void aGiverUnder16OrAHolderUnder18IsRefused() {
        directory.person("young-giver", LocalDate.of(2011, 1, 1), "g", false);
        directory.person("holder", LocalDate.of(1970, 1, 1), "h", false);
        directory.person("young-holder", LocalDate.of(2009, 1, 1), "y", false);
        directory.person("giver", LocalDate.of(1940, 1, 1), "g2", false);
        directory.power("young-giver", "holder", PowerOfAttorney.Kind.ORDINARY, LocalDate.of(2026, 1, 1), null);
        directory.power("giver", "young-holder", PowerOfAttorney.Kind.ORDINARY, LocalDate.of(2026, 1, 1), null);
        assertThat(rules.check("holder", "young-giver", TODAY)).isEmpty();
        assertThat(rules.check("young-holder", "giver", TODAY)).isEmpty();
        // The holder turns 18: now they may.
        assertThat(rules.check("young-holder", "giver", LocalDate.of(2027, 1, 1))).isPresent();
    }

    @Test
    void aPowerOfAttorneyIsNotTransitive() {
        directory.person("a", LocalDate.of(1940, 1, 1), "1", false);
        directory.person("b", LocalDate.of(1960, 1, 1), "2", false);
        directory.person("c", LocalDate.of(1980, 1, 1), "3", false);
        directory.power("a", "b", PowerOfAttorney.Kind.ASSIGNED_THROUGH_GP, LocalDate.of(2020, 1, 1), null);
        directory.power("b", "c", PowerOfAttorney.Kind.ORDINARY, LocalDate.of(2020, 1, 1), null);
        assertThat(rules.check("c", "b", TODAY)).isPresent();
        assertThat(rules.check("c", "a", TODAY)).isEmpty();
        assertThat(rules.check("b", "a", TODAY)).hasValueSatisfying(r -> {
            assertThat(r.relation()).isEqualTo(Relation.ASSIGNED_POWER_OF_ATTORNEY);
            assertThat(r.restrictsScopes()).isFalse();
        });
    }

    @Test
    void nobodyWithAConfidentialAddressRepresentsOrIsRepresented() {
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", true);
        directory.person("barn", LocalDate.of(2018, 5, 5), "a1", false);
        directory.parent("mor", "barn");
        assertThat(rules.whomMay("mor", TODAY)).extracting(Representation::relation).containsExactly(Relation.SELF);
        directory.person("mor", LocalDate.of(1985, 3, 1), "a1", false);
        directory.person("barn", LocalDate.of(2018, 5, 5), "a1", true);
        assertThat(rules.check("mor", "barn", TODAY)).isEmpty();
    }

    /**
     * The limits per age, for each way of acting: a child's own access is never limited; one acting in a parent's
     * place (parent or guardian) has the restricted scopes from the twelfth birthday to the sixteenth; so no
     * representative has more than the represented person.
     */
    @Test
    void theLimitsFollowTheAgeOfTheRepresentedAndTheRelation() {
        directory.person("mor", LocalDate.of(1980, 1, 1), "hjem", false);
        directory.person("verge", LocalDate.of(1970, 1, 1), "v", false);
        for (int age : new int[] {11, 12, 15, 16, 17}) {
            String child = "barn" + age;
            // Born on this day `age` years ago: the birthday is today.
            directory.person(child, TODAY.minusYears(age), "hjem", false);
            directory.parent("mor", child);
            directory.guardianship("verge", child, LocalDate.of(2010, 1, 1), null);
            Set<String> inTheParentsPlace = age >= 12 && age < 16 ? TEEN : null;

            assertThat(rules.check(child, child, TODAY)).as("age %d for itself", age)
                    .hasValueSatisfying(r -> assertThat(r.scopeLimits()).isNull());
            assertThat(rules.check("verge", child, TODAY)).as("a guardian of a %d-year-old", age)
                    .hasValueSatisfying(r -> assertThat(r.scopeLimits()).isEqualTo(inTheParentsPlace));
            if (age < 16) {
                assertThat(rules.check("mor", child, TODAY)).as("a parent of a %d-year-old", age)
                        .hasValueSatisfying(r -> assertThat(r.scopeLimits()).isEqualTo(inTheParentsPlace));
            } else {
                assertThat(rules.check("mor", child, TODAY)).as("a parent of a %d-year-old", age).isEmpty();
            }
        }
    }

    @Test
    void anUnknownPersonMayActForNobody() {
        assertThat(rules.whomMay("nobody", TODAY)).isEmpty();
    }

    /** An in-memory directory: the rules' own interface, filled by each test. */
}
