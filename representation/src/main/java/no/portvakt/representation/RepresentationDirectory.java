package no.portvakt.representation;

import java.util.List;
import java.util.Optional;

/**
 * Where persons and their relations come from: the population register (parental responsibility, addresses,
 * confidentiality) and PVK (powers of attorney, guardianships) in production; PostgreSQL in the dev run and tests.
 */
public interface RepresentationDirectory {

    Optional<Person> person(String pid);

    /** The persons {@code parentPid} has parental responsibility for. */
    List<String> childrenOf(String parentPid);

    /** Everyone with parental responsibility for {@code childPid}. */
    List<String> parentsOf(String childPid);

    List<PowerOfAttorney> powersHeldBy(String holderPid);

    List<Guardianship> guardianshipsHeldBy(String guardianPid);
}
