package no.portvakt.representation;

import java.time.LocalDate;

/** A guardianship (verge): {@code guardianPid} acts for {@code wardPid}. {@code validTo} inclusive, or null. */
public record Guardianship(String guardianPid, String wardPid, LocalDate validFrom, LocalDate validTo) {

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
