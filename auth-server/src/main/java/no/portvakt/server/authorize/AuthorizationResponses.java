package no.portvakt.server.authorize;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.server.login.LoginEntryPoint;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends the authorization response, success or error, the way the request asked: {@code response_mode} query
 * (a redirect) or form_post (OAuth 2.0 Form Post Response Mode), always with {@code iss} (RFC 9207 §2).
 * An error whose redirect URI is not known to be the client's is shown on an error page, never redirected.
 */
@Component
public class AuthorizationResponses {

    static final String FORM_POST_PATH = "/oauth2/authorize/form-post";
    static final String REDIRECT_URI_ATTRIBUTE = AuthorizationResponses.class.getName() + ".redirectUri";
    static final String PARAMETERS_ATTRIBUTE = AuthorizationResponses.class.getName() + ".parameters";

    private final OAuth2AuthorizationService authorizations;
    private final AuthorizationRequestParameters parameters;

    public AuthorizationResponses(OAuth2AuthorizationService authorizations,
                                  AuthorizationRequestParameters parameters) {
        this.authorizations = authorizations;
        this.parameters = parameters;
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

    /** Ends the old login in this session and sends the citizen to log in again, then back to this request. */
    private void loginAgain(HttpServletRequest request, HttpServletResponse response,
                            ReauthenticationRequired reauthentication) throws IOException {
        SecurityContextHolder.clearContext();
        request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        new HttpSessionRequestCache().saveRequest(request, response);
        response.sendRedirect(LoginEntryPoint.loginUrl(request, parameters::get, reauthentication.requiredAcr(),
                reauthentication.newLogin()));
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, String redirectUri,
                             Map<String, String> params, Object responseMode)
            throws IOException, jakarta.servlet.ServletException {
        if ("form_post".equals(responseMode)) {
            request.setAttribute(REDIRECT_URI_ATTRIBUTE, redirectUri);
            request.setAttribute(PARAMETERS_ATTRIBUTE, params);
            request.getRequestDispatcher(FORM_POST_PATH).forward(request, response);
            return;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri);
        params.forEach(uri::queryParam);
        response.sendRedirect(uri.encode().build().toUriString());
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
