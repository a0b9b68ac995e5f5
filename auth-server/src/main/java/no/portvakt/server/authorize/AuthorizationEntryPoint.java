package no.portvakt.server.authorize;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import no.portvakt.server.login.LoginEntryPoint;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Where the authorization endpoint sends a request that found no login: the login page, except when the request
 * said {@code prompt=none}, which forbids any page (OIDC Core §3.1.2.1). The framework answers
 * {@code login_required} itself when {@code prompt} is in the query, but reads only the query, so a pushed request
 * (RFC 9126), whose {@code prompt} is among the pushed parameters, arrives here; it gets its answer here.
 */
public final class AuthorizationEntryPoint implements AuthenticationEntryPoint {

    private final AuthorizationRequestParameters parameters;
    private final AuthorizationResponses responses;
    private final LoginEntryPoint login;

    public AuthorizationEntryPoint(AuthorizationRequestParameters parameters, AuthorizationResponses responses) {
        this.parameters = parameters;
        this.responses = responses;
        this.login = new LoginEntryPoint(parameters::get);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException, ServletException {
        Optional<OAuth2AuthorizationRequest> pushed = parameters.pushed(request);
        if (pushed.isPresent() && Prompt.asks(pushed.get().getAdditionalParameters(), "none")) {
            responses.loginRequired(request, response, pushed.get());
            return;
        }
        login.commence(request, response, exception);
    }
}
