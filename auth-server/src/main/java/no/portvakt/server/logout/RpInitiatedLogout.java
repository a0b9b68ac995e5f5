package no.portvakt.server.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import no.portvakt.registry.Client;
import no.portvakt.registry.ClientRegistry;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.login.LoginSessions;
import no.portvakt.server.web.FormQuery;
import no.portvakt.ui.error.OAuthErrorPage;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;

/**
 * RP-initiated logout (OIDC RP-Initiated Logout 1.0) after the framework has checked the request: the
 * {@code id_token_hint} is one of Portvakt's ID tokens, {@code client_id} matches it, and
 * {@code post_logout_redirect_uri} is registered for that client. Then, by the client's registration:
 * <ul>
 *   <li>{@code logout: shared}: the login session ends on every instance, and every partner in it that
 *       registered a back-channel logout URI is told (queued, retried);</li>
 *   <li>independent (the default): only this client's tokens for the citizen are revoked; the portal session and
 *       the other partners are left alone.</li>
 * </ul>
 * The browser goes to the registered {@code post_logout_redirect_uri} with {@code state}, or to Portvakt's own
 * page. A bad or foreign hint gets an error page, never a redirect.
 */
@Component
public class RpInitiatedLogout {

    private final ClientRegistry registry;
    private final OAuth2AuthorizationService authorizations;
    private final LoginSessions sessions;
    private final BackChannelLogout backChannel;
    private final JdbcClient jdbc;

    RpInitiatedLogout(ClientRegistry registry, OAuth2AuthorizationService authorizations, LoginSessions sessions,
                      BackChannelLogout backChannel, JdbcClient jdbc) {
        this.registry = registry;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.backChannel = backChannel;
        this.jdbc = jdbc;
    }

    public void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
        OidcIdToken idToken = logout.getIdToken();
        String clientId = idToken.getAudience().get(0);
        boolean shared = registry.findClient(clientId).map(Client::logout).map(Client.Logout::shared).orElse(false);
        String sid = idToken.getClaimAsString("sid");
        if (shared) {
            backChannel.sessionEnded(sid);
            sessions.end(sid);
            new SecurityContextLogoutHandler().logout(request, response, null);
        } else {
            revokeClientTokens(idToken, clientId);
        }
        String target = logout.getPostLogoutRedirectUri();
        if (target == null) {
            response.sendRedirect(request.getContextPath() + "/login?logout");
            return;
        }
        response.sendRedirect(FormQuery.append(target, logout.getState() == null ? Map.of()
                : Map.of("state", logout.getState())));
    }

    public void failure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String description = exception instanceof OAuth2AuthenticationException e ? e.getError().getDescription()
                : null;
        OAuthErrorPage.remember(request, "invalid_logout_request", description);
        response.sendError(HttpStatus.BAD_REQUEST.value());
    }

    /** Every authorization of this client for the citizen the hint names: their tokens stop working at once. */
    private void revokeClientTokens(OidcIdToken idToken, String clientId) {
        OAuth2Authorization hinted = authorizations.findByToken(idToken.getTokenValue(),
                new OAuth2TokenType("id_token"));
        if (hinted == null || !(hinted.getAttribute(Principal.class.getName()) instanceof CitizenAuthentication)) {
            return;
        }
        jdbc.sql("select id from oauth2_authorization where registered_client_id = ? and principal_name = ?")
                .params(hinted.getRegisteredClientId(), hinted.getPrincipalName()).query(String.class).list()
                .stream().map(authorizations::findById).filter(java.util.Objects::nonNull)
                .forEach(authorizations::remove);
        jdbc.sql("delete from session_participant where sid = ? and client_id = ?")
                .params(idToken.getClaimAsString("sid"), clientId).update();
    }
}
