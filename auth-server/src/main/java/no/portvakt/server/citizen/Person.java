package no.portvakt.server.citizen;

import java.time.LocalDate;

/** A citizen as the population register knows them. */
public record Person(String pid, String givenName, String familyName, LocalDate birthDate) {

    public String name() {
        return givenName + " " + familyName;
    }
}
