package no.portvakt.representation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whom a citizen may act for, on a given day (helsenorge.no's rules; docs/tokens.md, "representation"):
 * <ul>
 *   <li>themself, always, without limits: the law limits what others may do for a child, not what the child may
 *       do for itself (which services a child can use is each service's own rule);</li>
 *   <li>a child under 16 they have parental responsibility for; under 12 only when a parent with responsibility
 *       is registered at the child's address (then every parent with responsibility may), without limits; from
 *       the twelfth birthday with the policy's restricted scopes only, as parents' access is then limited; from
 *       the sixteenth birthday not at all;</li>
 *   <li>the giver of a power of attorney valid that day, when the giver is at least 16 and the holder at least
 *       18; never transitively (a power held by the giver is not passed on); an ordinary power with the policy's
 *       scopes for it (consents and reservations stay with the giver), an assigned one without limits;</li>
 *   <li>the ward of a guardianship valid that day; a guardian of a child stands in the parents' place and has
 *       their limits (from 12 the restricted scopes), a guardian of an adult none.</li>
 * </ul>
 * Nobody with a confidential address (kode 6 or 7) represents or is represented. A representative never gets
 * more than the represented person has: a person's own access has no limit here, so each relation's limit is
 * the whole limit.
 */
public final class RepresentationRules {

    private final RepresentationDirectory directory;
    private final RepresentationPolicy policy;

    public RepresentationRules(RepresentationDirectory directory, RepresentationPolicy policy) {
        this.directory = directory;
        this.policy = policy;
    }

    /** Everyone {@code actorPid} may act for on {@code day}, themself first. Empty for an unknown person. */
    public List<Representation> whomMay(String actorPid, LocalDate day) {
        Optional<Person> found = directory.person(actorPid);
        if (found.isEmpty()) {
            return List.of();
        }
        Person actor = found.get();
        List<Representation> result = new ArrayList<>();
        result.add(self(actor, day));
        if (actor.confidentialAddress()) {
            return result;
        }
        for (String childPid : directory.childrenOf(actorPid)) {
            representable(childPid).flatMap(child -> asParent(child, day)).ifPresent(result::add);
        }
        if (actor.ageOn(day) >= RepresentationPolicy.MINIMUM_HOLDER_AGE) {
            for (PowerOfAttorney power : directory.powersHeldBy(actorPid)) {
                if (power.validOn(day)) {
                    representable(power.giverPid())
                            .filter(giver -> giver.ageOn(day) >= RepresentationPolicy.MINIMUM_GIVER_AGE)
                            .map(giver -> asHolder(giver, power))
                            .ifPresent(result::add);
                }
            }
        }
        for (Guardianship guardianship : directory.guardianshipsHeldBy(actorPid)) {
            if (guardianship.validOn(day)) {
                representable(guardianship.wardPid()).map(ward -> new Representation(Relation.GUARDIAN, ward,
                        limitsInTheParentsPlace(ward, day), guardianship.validTo())).ifPresent(result::add);
            }
        }
        return List.copyOf(result);
    }

    /** Whether {@code actorPid} may act for {@code representedPid} on {@code day}, and how. */
    public Optional<Representation> check(String actorPid, String representedPid, LocalDate day) {
        if (actorPid.equals(representedPid)) {
            // The hot path (most tokens are for the citizen themself): one lookup, not the whole family.
            return directory.person(actorPid).map(actor -> self(actor, day));
        }
        return whomMay(actorPid, day).stream()
                .filter(r -> r.represented().pid().equals(representedPid))
                .findFirst();
    }

    private Representation self(Person actor, LocalDate day) {
        return new Representation(Relation.SELF, actor, null, null);
    }

    private Optional<Person> representable(String pid) {
        return directory.person(pid).filter(person -> !person.confidentialAddress());
    }

    private Optional<Representation> asParent(Person child, LocalDate day) {
        int age = child.ageOn(day);
        if (age >= RepresentationPolicy.AGE_OF_HEALTH_MAJORITY) {
            return Optional.empty();
        }
        if (age < RepresentationPolicy.AGE_OF_LIMITED_PARENTAL_ACCESS) {
            boolean aParentLivesWithTheChild = directory.parentsOf(child.pid()).stream()
                    .map(directory::person).flatMap(Optional::stream)
                    .anyMatch(parent -> parent.livesWith(child));
            return aParentLivesWithTheChild
                    ? Optional.of(new Representation(Relation.PARENT, child, null, null))
                    : Optional.empty();
        }
        return Optional.of(new Representation(Relation.PARENT, child, limitsInTheParentsPlace(child, day), null));
    }

    private Representation asHolder(Person giver, PowerOfAttorney power) {
        boolean ordinary = power.kind() == PowerOfAttorney.Kind.ORDINARY;
        return new Representation(ordinary ? Relation.POWER_OF_ATTORNEY : Relation.ASSIGNED_POWER_OF_ATTORNEY,
                giver, ordinary ? policy.ordinaryPowerOfAttorneyScopes() : null, power.validTo());
    }

    /** What one acting in a parent's place may use: the restricted scopes for a child of 12 to 15, else all. */
    private Set<String> limitsInTheParentsPlace(Person person, LocalDate day) {
        int age = person.ageOn(day);
        return age >= RepresentationPolicy.AGE_OF_LIMITED_PARENTAL_ACCESS
                && age < RepresentationPolicy.AGE_OF_HEALTH_MAJORITY ? policy.teenScopes() : null;
    }
}
