package no.portvakt.server.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import no.portvakt.representation.PowerOfAttorney;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.representation.RepresentationPolicy;
import no.portvakt.representation.RepresentationRules;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The representation rules over the PostgreSQL directory, filled from the test bootstrap file. */
class PersonDirectoryTest extends PortvaktTestBase {

    private static final String OLA = "28816196088";
    private static final String NORA = "10831552064";
    private static final String EMIL = "20861252052";

    @Autowired
    PersonDirectory directory;

    @Autowired
    DirectoryChanges changes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void relationsFromTheBootstrapFileDecideWhomACitizenMayActFor() {
        RepresentationRules rules = new RepresentationRules(directory,
                RepresentationPolicy.builder().teenScopes(Set.of("journal.read")).build());
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(rules.whomMay(OLA, day)).extracting(r -> r.represented().pid(), Representation::relation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OLA, Relation.SELF),
                        org.assertj.core.groups.Tuple.tuple(NORA, Relation.PARENT),
                        org.assertj.core.groups.Tuple.tuple(EMIL, Relation.PARENT));
        assertThat(rules.check(KARI, OLA, day)).hasValueSatisfying(r -> {
            assertThat(r.relation()).isEqualTo(Relation.POWER_OF_ATTORNEY);
            assertThat(r.validUntil()).isEqualTo(LocalDate.of(2027, 12, 31));
        });
        assertThat(rules.check(KARI, OLA, LocalDate.of(2028, 1, 1))).isEmpty();
        assertThat(directory.person(NORA)).hasValueSatisfying(p -> assertThat(p.addressId()).isEqualTo("nordmann-home"));
    }

    @Test
    void aChangeMadeOutsideThisInstanceReachesItsCachedDirectoryAtTheNextPoll() {
        changes.poll();
        LocalDate validTo = directory.powersHeldBy(KARI).get(0).validTo();
        try {
            // As another instance's import, or an operator's SQL, would change it.
            jdbc.sql("update power_of_attorney set valid_to = ? where holder_pid = ?")
                    .params(LocalDate.of(2026, 1, 1), KARI).update();
            changes.poll();
            assertThat(directory.powersHeldBy(KARI).get(0).validTo()).isEqualTo(LocalDate.of(2026, 1, 1));
        } finally {
            jdbc.sql("update power_of_attorney set valid_to = ? where holder_pid = ?").params(validTo, KARI)
                    .update();
            changes.poll();
        }
        assertThat(directory.powersHeldBy(KARI).get(0).validTo()).isEqualTo(validTo);
    }

    @Test
    void aChangeMadeHereTakesEffectAtOnce() {
        PowerOfAttorney held = directory.powersHeldBy(KARI).get(0);
        try {
            directory.save(new PowerOfAttorney(held.giverPid(), held.holderPid(), held.kind(), held.validFrom(),
                    LocalDate.of(2026, 1, 1), held.serviceAreas()));
            assertThat(directory.powersHeldBy(KARI).get(0).validTo()).isEqualTo(LocalDate.of(2026, 1, 1));
        } finally {
            directory.save(held);
        }
        assertThat(directory.powersHeldBy(KARI).get(0).validTo()).isEqualTo(held.validTo());
    }
}
