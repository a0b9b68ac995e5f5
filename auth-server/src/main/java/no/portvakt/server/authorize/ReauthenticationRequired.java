package no.portvakt.server.authorize;

import java.io.Serial;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The citizen is logged in, but not freshly or strongly enough for this request (prompt=login, max_age,
 * acr_values): {@link AuthorizationResponses} sends them to the login page instead of to the client.
 */
final class ReauthenticationRequired extends OAuth2AuthorizationCodeRequestAuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String requiredAcr;
    private final boolean newLogin;

    ReauthenticationRequired(OAuth2AuthorizationCodeRequestAuthenticationToken request, String reason,
                             String requiredAcr, boolean newLogin) {
        super(new OAuth2Error("login_required", reason, null), request);
        this.requiredAcr = requiredAcr;
        this.newLogin = newLogin;
    }

    /** True when the login must be new (prompt=login, max_age), not merely stronger. */
    boolean newLogin() {
        return newLogin;
    }

    /** The lowest level the new login must reach, or null for any. */
    String requiredAcr() {
        return requiredAcr;
    }
}
