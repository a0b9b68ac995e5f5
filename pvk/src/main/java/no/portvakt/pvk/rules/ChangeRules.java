package no.portvakt.pvk.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.PiType;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.representation.Person;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.representation.RepresentationDirectory;
import no.portvakt.representation.RepresentationPolicy;
import no.portvakt.representation.RepresentationRules;

/**
 * Who may change a citizen's privacy setting, on a given day. Whom a citizen may act for at all is the
 * representation rules' answer ({@link RepresentationRules}); on top of it:
 * <ul>
 *   <li>a person changes their own settings from the age of 16;</li>
 *   <li>a definition that is the person's own decision ({@code representativeMayChange} false) is changed by
 *       nobody acting for them;</li>
 *   <li>a parent changes a child's settings while the child is under 12 (where the representation rules let the
 *       parent act for the child at all: the address rule); for a child of 12 to 15 only the kinds the policy
 *       names;</li>
 *   <li>an ordinary power of attorney never changes the giver's consents or reservations; one assigned through
 *       the GP may, and so may a guardian;</li>
 *   <li>nobody with a confidential address (kode 6 or 7) represents or is represented.</li>
 * </ul>
 */
public final class ChangeRules {

    private final RepresentationRules representation;
    private final RepresentationDirectory directory;
    private final ChangePolicy policy;

    public ChangeRules(RepresentationRules representation, RepresentationDirectory directory, ChangePolicy policy) {
        this.representation = representation;
        this.directory = directory;
        this.policy = policy;
    }

    /** Whether {@code actorPid} may change {@code subjectPid}'s setting for {@code definition} on {@code day}. */
    public ChangeDecision mayChange(String actorPid, String subjectPid, Definition definition, LocalDate day) {
        if (actorPid.equals(subjectPid)) {
            return ownSetting(actorPid, day);
        }
        Optional<Representation> found = representation.check(actorPid, subjectPid, day);
        if (found.isEmpty()) {
            return ChangeDecision.refused(whyNotRepresented(actorPid, subjectPid));
        }
        Representation acting = found.get();
        if (!definition.representativeMayChange()) {
            return ChangeDecision.refused(Refusal.OWN_DECISION);
        }
        Relation relation = acting.relation();
        if (relation == Relation.PARENT
                && acting.represented().ageOn(day) >= RepresentationPolicy.AGE_OF_LIMITED_PARENTAL_ACCESS
                && !policy.teenParentMayChange().contains(definition.type())) {
            return ChangeDecision.refused(Refusal.TEEN_POLICY);
        }
        if (relation == Relation.POWER_OF_ATTORNEY
                && (definition.type() == PiType.SAMTYKKE || definition.type() == PiType.RESERVASJON)) {
            return ChangeDecision.refused(Refusal.ORDINARY_POWER_OF_ATTORNEY);
        }
        return ChangeDecision.allowed(relation);
    }

    private ChangeDecision ownSetting(String pid, LocalDate day) {
        // A citizen the register does not know (a TestID number) is still of the age their number says.
        Optional<Integer> age = directory.person(pid).map(person -> person.ageOn(day))
                .or(() -> Fodselsnummer.parse(pid).map(fnr -> Period.between(fnr.birthDate(), day).getYears()));
        if (age.isEmpty()) {
            return ChangeDecision.refused(Refusal.UNKNOWN_PERSON);
        }
        return age.get() >= RepresentationPolicy.AGE_OF_HEALTH_MAJORITY
                ? ChangeDecision.allowed(Relation.SELF)
                : ChangeDecision.refused(Refusal.UNDER_16);
    }

    private Refusal whyNotRepresented(String actorPid, String subjectPid) {
        Optional<Person> actor = directory.person(actorPid);
        Optional<Person> subject = directory.person(subjectPid);
        if (actor.isEmpty() || subject.isEmpty()) {
            return Refusal.UNKNOWN_PERSON;
        }
        if (actor.get().confidentialAddress() || subject.get().confidentialAddress()) {
            return Refusal.CONFIDENTIAL_ADDRESS;
        }
        return Refusal.NOT_REPRESENTED;
    }
}
