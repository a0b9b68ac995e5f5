package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import no.portvakt.server.login.Assurance;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Whether the citizen's login is good enough for this authorization request (OIDC Core §3.1.2.1):
 * <ul>
 *   <li>{@code prompt=none}: never a page; not logged in (or not freshly or strongly enough) is
 *       {@code login_required} to the client;</li>
 *   <li>{@code prompt=login} and {@code max_age}: a login older than allowed must be repeated;</li>
 *   <li>{@code acr_values}: a login below the lowest requested level must be repeated at that level.</li>
 * </ul>
 * A repeated login counts as fresh when it happened after Portvakt asked for it, which it records in the session.
 */
public final class LoginFreshness implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String REQUESTED_AT = LoginFreshness.class.getName() + ".requestedAt";

    private final Clock clock;

    public LoginFreshness(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        HttpServletRequest http = currentRequest();
        if (http == null || AuthorizationRequestRules.isParEndpoint(http)) {
            return; // a pushed request is checked when the browser brings it to the authorization endpoint
        }
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        boolean silent = Prompt.asks(request, "none");
        if (!(request.getPrincipal() instanceof CitizenAuthentication authentication)) {
            if (silent) {
                refuse(request, "login_required", "the citizen is not logged in");
            }
            if (request.getPrincipal() instanceof org.springframework.security.core.Authentication other
                    && other.isAuthenticated() && !(other instanceof AnonymousAuthenticationToken)) {
                // An administrator's or a partner's login in this session is no citizen: never a code for it.
                throw new ReauthenticationRequired(request, "only a citizen's login answers an authorization "
                        + "request", null, true);
            }
            return; // the login page follows
        }
        Citizen citizen = authentication.citizen();
        Object acrValues = request.getAdditionalParameters().get("acr_values");
        String requiredAcr = Assurance.lowestOf(acrValues == null ? null : acrValues.toString());
        String reason = null;
        boolean newLogin = false;
        if (requiredAcr != null && !Assurance.satisfies(citizen.acr(), requiredAcr)) {
            reason = "the login is below the requested acr_values";
        } else if (!freshSinceAsked(http, citizen)) {
            newLogin = true;
            Object maxAge = request.getAdditionalParameters().get("max_age");
            if (Prompt.asks(request, "login")) {
                reason = "prompt=login asks for a new login";
            } else if (maxAge != null && citizen.authTime().plusSeconds(Long.parseLong(maxAge.toString()))
                    .isBefore(clock.instant())) {
                reason = "the login is older than max_age";
            }
        }
        if (reason == null) {
            return;
        }
        if (silent) {
            refuse(request, "login_required", reason);
        }
        // Whole seconds: auth_time from ID-porten has no finer precision.
        http.getSession().setAttribute(REQUESTED_AT, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        throw new ReauthenticationRequired(request, reason, requiredAcr, newLogin);
    }

    private static boolean freshSinceAsked(HttpServletRequest http, Citizen citizen) {
        HttpSession session = http.getSession(false);
        Object asked = session == null ? null : session.getAttribute(REQUESTED_AT);
        return asked instanceof Instant at && !citizen.authTime().isBefore(at);
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static void refuse(OAuth2AuthorizationCodeRequestAuthenticationToken request, String error,
                               String description) {
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(error, description, null),
                request);
    }
}
