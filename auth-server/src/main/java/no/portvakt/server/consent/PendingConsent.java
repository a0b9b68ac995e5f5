package no.portvakt.server.consent;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A consent the citizen is being asked for, kept in the session between the authorization request and the consent
 * page: which client asks, for whom (the person represented), and which scopes need consent.
 */
record PendingConsent(String clientId, String actingPid, String representedPid, List<String> scopes)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = PendingConsent.class.getName();
    /** Set by the consent page, read once by the rule: the consent for this client was just given. */
    static final String JUST_GIVEN = PendingConsent.class.getName() + ".justGiven";

    PendingConsent {
        scopes = new ArrayList<>(scopes);
    }
}
