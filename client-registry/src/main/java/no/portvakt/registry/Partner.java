package no.portvakt.registry;

/** An organisation that Portvakt trusts: it owns clients and APIs. */
public record Partner(String id, String name, String organisationNumber) {
}
