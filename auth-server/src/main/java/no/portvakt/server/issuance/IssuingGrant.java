package no.portvakt.server.issuance;

/**
 * A token grant as Portvakt issues it: the framework's grant object (the authentication its token endpoint hands
 * the grant's provider, and the provider hands the token generator), carrying that request's {@link Issuing}.
 */
public interface IssuingGrant {

    Issuing issuing();
}
