package no.portvakt.server.login;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The logged-in citizen, whichever way they logged in (ID-porten or TestID): who ({@code pid}, name when known),
 * how ({@code acr}, {@code amr}), when ({@code authTime}), the login session ({@code sid}, OIDC Front- and
 * Back-Channel Logout), and whom they chose to act for ({@code actsFor}: a fødselsnummer, their own for
 * "myself", null until they chose). Kept in the session, so it is serialisable.
 */
public record Citizen(String pid, String givenName, String familyName, String acr, List<String> amr,
                      Instant authTime, String sid, String actsFor) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Citizen {
        // An unmodifiable ArrayList: a type the framework's JSON (de)serialisation of authorizations allows.
        amr = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(amr));
    }

    /** A citizen just logged in, who has not chosen whom to act for yet. */
    public Citizen(String pid, String givenName, String familyName, String acr, List<String> amr, Instant authTime,
                   String sid) {
        this(pid, givenName, familyName, acr, amr, authTime, sid, null);
    }

    /** The same login, acting for {@code representedPid}. */
    public Citizen actingFor(String representedPid) {
        return new Citizen(pid, givenName, familyName, acr, amr, authTime, sid, representedPid);
    }

    public boolean hasChosen() {
        return actsFor != null;
    }

    public boolean actsForThemself() {
        return pid.equals(actsFor);
    }

    public String name() {
        return givenName == null ? null : givenName + " " + familyName;
    }
}
