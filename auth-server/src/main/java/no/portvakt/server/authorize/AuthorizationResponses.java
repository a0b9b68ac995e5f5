package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.server.login.LoginEntryPoint;
import no.portvakt.server.web.FormQuery;
import no.portvakt.ui.error.OAuthErrorPage;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Sends the authorization response, success or error, the way the request asked: {@code response_mode} query
 * (a redirect) or form_post (OAuth 2.0 Form Post Response Mode), always with {@code iss} (RFC 9207 §2).
 * An error whose redirect URI is not known to be the client's is shown on an error page, never redirected.
 */
@Component
public class AuthorizationResponses {

    private final OAuth2AuthorizationService authorizations;
    private final AuthorizationRequestParameters parameters;
    private final ThymeleafViewResolver views;

    public AuthorizationResponses(OAuth2AuthorizationService authorizations,
                                  AuthorizationRequestParameters parameters, ThymeleafViewResolver views) {
        this.authorizations = authorizations;
        this.parameters = parameters;
        this.views = views;
    }

    public void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, jakarta.servlet.ServletException {
        var result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        String code = result.getAuthorizationCode().getTokenValue();
        Map<String, String> params = new LinkedHashMap<>();
        params.put(OAuth2ParameterNames.CODE, code);
        putIfText(params, OAuth2ParameterNames.STATE, result.getState());
        params.put("iss", issuer());
        // The framework's result carries no response_mode: read it from the stored request (PAR or direct).
        OAuth2Authorization authorization = authorizations.findByToken(code,
                new OAuth2TokenType(OAuth2ParameterNames.CODE));
        OAuth2AuthorizationRequest stored = authorization == null ? null
                : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object mode = stored == null ? null : stored.getAdditionalParameters().get("response_mode");
        send(request, response, result.getRedirectUri(), params, mode);
    }

    public void failure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, jakarta.servlet.ServletException {
        if (exception instanceof ReauthenticationRequired reauthentication) {
            loginAgain(request, response, reauthentication);
            return;
        }
        if (exception instanceof CitizenPageFirst page) {
            new HttpSessionRequestCache().saveRequest(request, response);
            response.sendRedirect(request.getContextPath() + page.path());
            return;
        }
        OAuth2Error error = ((org.springframework.security.oauth2.core.OAuth2AuthenticationException) exception)
                .getError();
        OAuth2AuthorizationCodeRequestAuthenticationToken rejected =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                        ? e.getAuthorizationCodeRequestAuthentication() : null;
        if (rejected == null || !StringUtils.hasText(rejected.getRedirectUri())) {
            // The client or its redirect URI could not be trusted: tell the citizen, send nothing anywhere.
            OAuthErrorPage.remember(request, error.getErrorCode(), error.getDescription());
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put(OAuth2ParameterNames.ERROR, error.getErrorCode());
        putIfText(params, OAuth2ParameterNames.ERROR_DESCRIPTION, error.getDescription());
        putIfText(params, OAuth2ParameterNames.ERROR_URI, error.getUri());
        putIfText(params, OAuth2ParameterNames.STATE, rejected.getState());
        params.put("iss", issuer());
        send(request, response, rejected.getRedirectUri(), params, rejected.getAdditionalParameters().get("response_mode"));
    }

    /**
     * {@code login_required} for a pushed request with {@code prompt=none} that found no login (OIDC Core
     * §3.1.2.1): to the redirect URI the request was pushed with, checked then.
     */
    void loginRequired(HttpServletRequest request, HttpServletResponse response, OAuth2AuthorizationRequest pushed)
            throws IOException, jakarta.servlet.ServletException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(OAuth2ParameterNames.ERROR, "login_required");
        params.put(OAuth2ParameterNames.ERROR_DESCRIPTION, "the citizen is not logged in");
        putIfText(params, OAuth2ParameterNames.STATE, pushed.getState());
        params.put("iss", issuer());
        send(request, response, pushed.getRedirectUri(), params, pushed.getAdditionalParameters().get("response_mode"));
    }

    /** Ends the old login in this session and sends the citizen to log in again, then back to this request. */
    private void loginAgain(HttpServletRequest request, HttpServletResponse response,
                            ReauthenticationRequired reauthentication) throws IOException {
        SecurityContextHolder.clearContext();
        request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        new HttpSessionRequestCache().saveRequest(request, response);
        response.sendRedirect(LoginEntryPoint.loginUrl(request, parameters::get, reauthentication.requiredAcr(),
                reauthentication.newLogin()));
    }

    /**
     * The response itself, written here: a form_post page is rendered in place (not forwarded to, which would pass
     * the security filters again and send a citizen without a session to the login page, prompt=none or not).
     */
    private void send(HttpServletRequest request, HttpServletResponse response, String redirectUri,
                      Map<String, String> params, Object responseMode)
            throws IOException, jakarta.servlet.ServletException {
        if ("form_post".equals(responseMode)) {
            response.setHeader("Cache-Control", "no-store");
            try {
                views.resolveViewName("form_post", RequestContextUtils.getLocale(request))
                        .render(Map.of("redirectUri", redirectUri, "parameters", params), request, response);
            } catch (Exception e) {
                throw new jakarta.servlet.ServletException("the form_post page could not be rendered", e);
            }
            return;
        }
        response.sendRedirect(FormQuery.append(redirectUri, params));
    }

    private static void putIfText(Map<String, String> params, String name, String value) {
        if (StringUtils.hasText(value)) {
            params.put(name, value);
        }
    }

    private static String issuer() {
        return AuthorizationServerContextHolder.getContext().getIssuer();
    }
}
