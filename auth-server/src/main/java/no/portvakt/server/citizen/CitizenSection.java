package no.portvakt.server.citizen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.representation.Guardianship;
import no.portvakt.representation.Person;
import no.portvakt.representation.PowerOfAttorney;

/**
 * The {@code citizens:} and {@code relations:} sections of the bootstrap file: synthetic citizens (with their
 * registered address and kode 6/7) and their parental responsibility, powers of attorney and guardianships.
 * Every row is checked before anything is stored; a relation may only name citizens declared in the file.
 */
public final class CitizenSection {

    private static final Set<String> CITIZEN_FIELDS = Set.of("pid", "given_name", "family_name", "address",
            "confidential_address");
    private static final Set<String> RELATION_SECTIONS = Set.of("parental_responsibility", "powers_of_attorney",
            "guardianships");

    private final Map<String, Person> persons = new LinkedHashMap<>();
    private final List<String[]> parents = new ArrayList<>();
    private final List<PowerOfAttorney> powers = new ArrayList<>();
    private final List<Guardianship> guardianships = new ArrayList<>();

    private CitizenSection() {
    }

    public static CitizenSection parse(Entry root) {
        CitizenSection section = new CitizenSection();
        for (Entry c : root.entries("citizens")) {
            c.allowOnly(CITIZEN_FIELDS);
            String pid = c.requireText("pid");
            Fodselsnummer fnr = Fodselsnummer.parse(pid)
                    .orElseThrow(() -> c.error("pid", "'" + pid + "' is not a valid fødselsnummer (mod-11)"));
            if (!fnr.isSynthetic()) {
                throw c.error("pid", "'" + pid + "' is not synthetic: only test numbers (month + 80) are allowed");
            }
            Person person = new Person(pid, c.requireText("given_name"), c.requireText("family_name"),
                    fnr.birthDate(), c.optionalText("address").orElse(null), c.flag("confidential_address", false));
            if (section.persons.put(pid, person) != null) {
                throw c.error("pid", "citizen '" + pid + "' is declared twice");
            }
        }
        Entry relations = root.child("relations").allowOnly(RELATION_SECTIONS);
        for (Entry p : relations.entries("parental_responsibility")) {
            p.allowOnly(Set.of("parent", "child"));
            section.parents.add(new String[] {section.declared(p, "parent"), section.declared(p, "child")});
        }
        for (Entry p : relations.entries("powers_of_attorney")) {
            p.allowOnly(Set.of("giver", "holder", "kind", "valid_from", "valid_to", "service_areas"));
            String kind = p.optionalText("kind").orElse("ordinary");
            if (!Set.of("ordinary", "assigned_through_gp").contains(kind)) {
                throw p.error("kind", "'" + kind + "' is not ordinary or assigned_through_gp");
            }
            LocalDate from = p.optionalDate("valid_from").orElseThrow(() -> p.error("valid_from", "is required"));
            LocalDate to = validTo(p, from);
            section.powers.add(new PowerOfAttorney(section.declared(p, "giver"), section.declared(p, "holder"),
                    PowerOfAttorney.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), from, to,
                    new HashSet<>(p.texts("service_areas"))));
        }
        for (Entry g : relations.entries("guardianships")) {
            g.allowOnly(Set.of("guardian", "ward", "valid_from", "valid_to"));
            LocalDate from = g.optionalDate("valid_from").orElseThrow(() -> g.error("valid_from", "is required"));
            section.guardianships.add(new Guardianship(section.declared(g, "guardian"), section.declared(g, "ward"),
                    from, validTo(g, from)));
        }
        return section;
    }

    /** How many rows of each kind the section holds. */
    public java.util.Map<String, Integer> counts() {
        return java.util.Map.of("citizens", persons.size(), "parental_responsibility", parents.size(),
                "powers_of_attorney", powers.size(), "guardianships", guardianships.size());
    }

    public void applyTo(PersonDirectory directory) {
        persons.values().forEach(directory::save);
        parents.forEach(p -> directory.saveParentalResponsibility(p[0], p[1]));
        powers.forEach(directory::save);
        guardianships.forEach(directory::save);
    }

    private String declared(Entry entry, String field) {
        String pid = entry.requireText(field);
        if (!persons.containsKey(pid)) {
            throw entry.error(field, "'" + pid + "' is not a citizen declared in this file");
        }
        return pid;
    }

    private static LocalDate validTo(Entry entry, LocalDate from) {
        LocalDate to = entry.optionalDate("valid_to").orElse(null);
        if (to != null && to.isBefore(from)) {
            throw entry.error("valid_to", "is before valid_from");
        }
        return to;
    }
}
