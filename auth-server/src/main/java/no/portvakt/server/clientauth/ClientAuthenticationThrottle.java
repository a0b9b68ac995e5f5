package no.portvakt.server.clientauth;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import no.portvakt.registry.throttle.FailedAuthentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttled client authentication at the endpoints a client calls directly (token, PAR, introspection,
 * revocation): a client or source address with too many recent failures gets {@code 429} with
 * {@code Retry-After} before its credentials are even looked at, and each failed authentication is counted
 * ({@link FailedAuthentications}). The client is the one the request names, as client authentication reads it.
 * Every refusal is counted by its error in {@code portvakt.client.authentication.refused} (docs/operations.md).
 */
public final class ClientAuthenticationThrottle extends OncePerRequestFilter {

    private static final Set<String> ENDPOINTS = Set.of("/oauth2/token", "/oauth2/par", "/oauth2/introspect",
            "/oauth2/revoke");

    private static final Logger log = LoggerFactory.getLogger(ClientAuthenticationThrottle.class);

    private final FailedAuthentications failures;
    private final MeterRegistry meters;

    public ClientAuthenticationThrottle(FailedAuthentications failures, MeterRegistry meters) {
        this.failures = failures;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ENDPOINTS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> blocked = failures.blocked(claimedClient(request), request.getRemoteAddr());
        if (blocked.isPresent()) {
            meters.counter("portvakt.client.authentication.refused", "error", "throttled").increment();
            tooMany(response, blocked.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts a failed client authentication, then answers as {@code errors} does. */
    public AuthenticationFailureHandler counting(AuthenticationFailureHandler errors) {
        return (request, response, exception) -> {
            if (isFailedAuthentication(exception)) {
                failures.failed(claimedClient(request), request.getRemoteAddr());
            }
            String error = exception instanceof OAuth2AuthenticationException e ? e.getError().getErrorCode()
                    : "other";
            meters.counter("portvakt.client.authentication.refused", "error", error).increment();
            // What an operator needs to help a partner, and to see an attack: never the credentials themselves.
            log.info("Refused client {} from {} at {}: {}", loggable(claimedClient(request)),
                    request.getRemoteAddr(), request.getRequestURI(), error);
            errors.onAuthenticationFailure(request, response, exception);
        };
    }

    /** A client id as the request claims it, fit for one log line: printable, at most 100 characters. */
    private static String loggable(String clientId) {
        if (clientId == null) {
            return "(none)";
        }
        String printable = clientId.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }

    private static boolean isFailedAuthentication(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException e
                && OAuth2ErrorCodes.INVALID_CLIENT.equals(e.getError().getErrorCode());
    }

    /** RFC 6749 §2.3.1: the client_id of HTTP Basic (form-encoded), else the client_id parameter. */
    static String claimedClient(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return URLDecoder.decode(colon < 0 ? credentials : credentials.substring(0, colon),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return request.getParameter(OAuth2ParameterNames.CLIENT_ID);
    }

    static void tooMany(HttpServletResponse response, Duration wait) throws IOException {
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        http.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        http.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds() + 1)));
        http.getHeaders().setCacheControl("no-store");
        new OAuth2ErrorHttpMessageConverter().write(new OAuth2Error("slow_down",
                "Too many failed client authentications: try again after Retry-After seconds", null), null, http);
    }
}
