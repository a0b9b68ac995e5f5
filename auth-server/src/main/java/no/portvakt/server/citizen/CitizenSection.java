package no.portvakt.server.citizen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.representation.Fodselsnummer;

/** The {@code citizens:} section of the bootstrap file: synthetic citizens for TestID and the demo. */
public final class CitizenSection {

    private static final Set<String> FIELDS = Set.of("pid", "given_name", "family_name");

    private final List<Person> persons;

    private CitizenSection(List<Person> persons) {
        this.persons = persons;
    }

    public static CitizenSection parse(Entry root) {
        List<Person> persons = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entry c : root.entries("citizens")) {
            c.allowOnly(FIELDS);
            String pid = c.requireText("pid");
            Fodselsnummer fnr = Fodselsnummer.parse(pid)
                    .orElseThrow(() -> c.error("pid", "'" + pid + "' is not a valid fødselsnummer (mod-11)"));
            if (!fnr.isSynthetic()) {
                throw c.error("pid", "'" + pid + "' is not synthetic: only test numbers (month + 80) are allowed");
            }
            if (!seen.add(pid)) {
                throw c.error("pid", "citizen '" + pid + "' is declared twice");
            }
            persons.add(new Person(pid, c.requireText("given_name"), c.requireText("family_name"), fnr.birthDate()));
        }
        return new CitizenSection(persons);
    }

    public void applyTo(PersonDirectory directory) {
        persons.forEach(directory::save);
    }
}
