package no.portvakt.server.login;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The logged-in citizen, whichever way they logged in (ID-porten or TestID): who ({@code pid}, name when known),
 * how ({@code acr}, {@code amr}), when ({@code authTime}), and the login session ({@code sid}, OIDC Front- and
 * Back-Channel Logout). Kept in the session, so it is serialisable.
 */
public record Citizen(String pid, String givenName, String familyName, String acr, List<String> amr,
                      Instant authTime, String sid) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Citizen {
        // An unmodifiable ArrayList: a type the framework's JSON (de)serialisation of authorizations allows.
        amr = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(amr));
    }

    public String name() {
        return givenName == null ? null : givenName + " " + familyName;
    }
}
