package no.portvakt.representation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A population register in memory, for the rules' tests (this module's and those built on it). */
public final class InMemoryDirectory implements RepresentationDirectory {
    private final Map<String, Person> persons = new HashMap<>();
    private final List<String[]> parents = new ArrayList<>();
    private final List<PowerOfAttorney> powers = new ArrayList<>();
    private final List<Guardianship> guardianships = new ArrayList<>();

    public void person(String pid, LocalDate birthDate, String address, boolean confidential) {
        persons.put(pid, new Person(pid, pid, "Testesen", birthDate, address, confidential));
    }

    public void parent(String parent, String child) {
        parents.add(new String[] {parent, child});
    }

    public void power(String giver, String holder, PowerOfAttorney.Kind kind, LocalDate from, LocalDate to) {
        powers.add(new PowerOfAttorney(giver, holder, kind, from, to, Set.of()));
    }

    public void guardianship(String guardian, String ward, LocalDate from, LocalDate to) {
        guardianships.add(new Guardianship(guardian, ward, from, to));
    }

    @Override
    public Optional<Person> person(String pid) {
        return Optional.ofNullable(persons.get(pid));
    }

    @Override
    public List<String> childrenOf(String parentPid) {
        return parents.stream().filter(p -> p[0].equals(parentPid)).map(p -> p[1]).toList();
    }

    @Override
    public List<String> parentsOf(String childPid) {
        return parents.stream().filter(p -> p[1].equals(childPid)).map(p -> p[0]).toList();
    }

    @Override
    public List<PowerOfAttorney> powersHeldBy(String holderPid) {
        return powers.stream().filter(p -> p.holderPid().equals(holderPid)).toList();
    }

    @Override
    public List<Guardianship> guardianshipsHeldBy(String guardianPid) {
        return guardianships.stream().filter(g -> g.guardianPid().equals(guardianPid)).toList();
    }
}
