package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
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

    /** Where the page sends the citizen when done: back to the kept request, or to their own page. */
    public static String continueUrl(HttpServletRequest request, HttpServletResponse response) {
        HttpSessionRequestCache requests = new HttpSessionRequestCache();
        SavedRequest saved = requests.getRequest(request, response);
        if (saved == null) {
            return request.getContextPath() + "/";
        }
        requests.removeRequest(request, response);
        return saved.getRedirectUrl();
    }
}
