package no.portvakt.server.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.portvakt.server.edge.DatabaseUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The error response of the token, PAR, introspection and revocation endpoints and of client authentication
 * (RFC 6749 §5.2): JSON with {@code error} and {@code error_description}, {@code Cache-Control: no-store},
 * 401 for {@code invalid_client} with {@code WWW-Authenticate} when the client tried HTTP Basic, 503 with
 * {@code Retry-After} for {@code temporarily_unavailable}.
 */
public final class OAuthErrorResponses implements AuthenticationFailureHandler {

    private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

    /** The answer to a client endpoint called with no client authentication at all (RFC 6749 §5.2). */
    void commenceInvalidClient(HttpServletRequest request, HttpServletResponse response,
                               AuthenticationException exception) throws IOException {
        onAuthenticationFailure(request, response, new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication is required", null)));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException e ? e.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        http.getHeaders().setCacheControl("no-store");
        http.getHeaders().setPragma("no-cache");
        if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
            http.setStatusCode(HttpStatus.UNAUTHORIZED);
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"portvakt\", charset=\"UTF-8\"");
            }
        } else if ("temporarily_unavailable".equals(error.getErrorCode())) {
            http.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            http.getHeaders().set(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        } else {
            http.setStatusCode(HttpStatus.BAD_REQUEST);
        }
        converter.write(error, null, http);
    }
}
