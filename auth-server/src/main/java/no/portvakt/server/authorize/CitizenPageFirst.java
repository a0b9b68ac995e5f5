package no.portvakt.server.authorize;

import java.io.Serial;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The citizen must see one of Portvakt's pages before the authorization request can go on (the choice of whom to
 * act for, say): {@link AuthorizationResponses} keeps the request and sends the browser to {@code path}, which
 * sends it back when done.
 */
public final class CitizenPageFirst extends OAuth2AuthorizationCodeRequestAuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;

    public CitizenPageFirst(OAuth2AuthorizationCodeRequestAuthenticationToken request, String reason, String path) {
        super(new OAuth2Error("interaction_required", reason, null), request);
        this.path = path;
    }

    String path() {
        return path;
    }
}
