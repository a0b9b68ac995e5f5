package no.portvakt.server.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.web.FormQuery;
import no.portvakt.ui.error.OAuthErrorPage;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
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
 * Either only when the hint names the login of this browser's session (§2: an ID token is no proof that whoever
 * sends it is its citizen; anyone holding a citizen's ID token could otherwise log the citizen out). A hint of
 * another login, with a citizen logged in here, asks that citizen whether to log out of their own session
 * ({@link LogoutConfirmation}); with nobody logged in here there is nothing to end. The browser goes to the
 * registered {@code post_logout_redirect_uri} with {@code state}, or to Portvakt's own page. A bad or foreign
 * hint gets an error page, never a redirect.
 */
@Component
public class RpInitiatedLogout {

    private static final Authentication NOBODY = new AnonymousAuthenticationToken("logout", "nobody",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final ClientRegistry registry;
    private final OAuth2AuthorizationService authorizations;
    private final SessionEnd sessionEnd;
    private final JdbcClient jdbc;

    RpInitiatedLogout(ClientRegistry registry, OAuth2AuthorizationService authorizations, SessionEnd sessionEnd,
                      JdbcClient jdbc) {
        this.registry = registry;
        this.authorizations = authorizations;
        this.sessionEnd = sessionEnd;
        this.jdbc = jdbc;
    }

    /**
     * The framework's reading of a logout request, without the browser's login: the framework would refuse a hint
     * of another citizen's login with an error page, where §2 wants the citizen asked; whose login this browser
     * holds is decided in {@link #success}.
     */
    public static AuthenticationConverter withoutTheBrowsersLogin(AuthenticationConverter framework) {
        return request -> framework.convert(request) instanceof OidcLogoutAuthenticationToken read
                ? new OidcLogoutAuthenticationToken(read.getIdTokenHint(), NOBODY, null, read.getClientId(),
                        read.getPostLogoutRedirectUri(), read.getState())
                : null;
    }

    public void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
        OidcIdToken idToken = logout.getIdToken();
        String clientId = idToken.getAudience().get(0);
        Optional<Client> client = registry.findClient(clientId);
        String target = logout.getPostLogoutRedirectUri() == null ? null
                : FormQuery.append(logout.getPostLogoutRedirectUri(), logout.getState() == null ? Map.of()
                        : Map.of("state", logout.getState()));
        Citizen here = SecurityContextHolder.getContext().getAuthentication() instanceof CitizenAuthentication c
                ? c.citizen() : null;
        if (here != null && !here.sid().equals(idToken.getClaimAsString("sid"))) {
            LogoutConfirmation.ask(request, client.map(Client::clientName).orElse(clientId), target);
            response.sendRedirect(request.getContextPath() + LogoutConfirmation.PAGE);
            return;
        }
        String next = target == null ? request.getContextPath() + "/login?logout" : target;
        if (here != null && client.map(Client::logout).map(Client.Logout::shared).orElse(false)) {
            sessionEnd.leave(request, response, here, next);
            return;
        }
        if (here != null) {
            revokeClientTokens(idToken, clientId);
        }
        response.sendRedirect(next);
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
