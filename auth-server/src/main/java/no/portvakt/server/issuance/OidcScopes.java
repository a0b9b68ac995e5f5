package no.portvakt.server.issuance;

import java.util.Set;

/** OpenID Connect's own scopes: about the login, not about anyone's data at an API. */
public final class OidcScopes {

    public static final String PID = "pid";
    public static final String PROFILE = "profile";
    public static final Set<String> ALL = Set.of("openid", PROFILE, PID, "offline_access");

    private OidcScopes() {
    }
}
