package no.portvakt.representation;

import java.time.LocalDate;
import java.time.Period;

/**
 * A person as the population register knows them: {@code addressId} names the registered address (two people
 * share an address when the ids are equal), {@code confidentialAddress} is true for kode 6 and kode 7.
 */
public record Person(String pid, String givenName, String familyName, LocalDate birthDate, String addressId,
                     boolean confidentialAddress) {

    public String name() {
        return givenName + " " + familyName;
    }

    /** Whole years of age on {@code date}: a person turns 16 at the first moment of their sixteenth birthday. */
    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    public boolean livesWith(Person other) {
        return addressId != null && addressId.equals(other.addressId);
    }
}
