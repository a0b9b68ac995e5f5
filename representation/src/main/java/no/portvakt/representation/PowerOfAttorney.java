package no.portvakt.representation;

import java.time.LocalDate;
import java.util.Set;

/**
 * A power of attorney (fullmakt) from {@code giverPid} to {@code holderPid}. Ordinary: a helper, consents and
 * reservations stay with the giver. Assigned through the GP: for people who lack consent competence, with more
 * rights. {@code validTo} is inclusive; null means until withdrawn.
 */
public record PowerOfAttorney(String giverPid, String holderPid, Kind kind, LocalDate validFrom, LocalDate validTo,
                              Set<String> serviceAreas) {

    public enum Kind { ORDINARY, ASSIGNED_THROUGH_GP }

    public PowerOfAttorney {
        serviceAreas = Set.copyOf(serviceAreas);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
