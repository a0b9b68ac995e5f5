package no.portvakt.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An organisation that Portvakt trusts: it owns clients and APIs. Helsenorge trusts only partners with a signed
 * agreement ({@code agreementSignedOn}); a suspended partner ({@code suspendedAt}) is trusted by nobody until the
 * suspension is lifted. {@code organisationNumber} is a Norwegian organisation number (checked by
 * {@link OrganisationNumber}).
 */
public record Partner(String id, String name, String organisationNumber, String contactName, String contactEmail,
                      LocalDate agreementSignedOn, Instant suspendedAt, String suspendedReason) {

    public Partner(String id, String name, String organisationNumber) {
        this(id, name, organisationNumber, null, null, null, null, null);
    }

    /** Whether the partner's clients may get tokens, and its tokens introspect active. */
    public boolean trusted() {
        return agreementSignedOn != null && suspendedAt == null;
    }
}
