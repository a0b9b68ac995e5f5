package no.demohelse.video;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The token from {@code Authorization: Bearer}, or from {@code X-Authorization: Bearer} where the service already
 * uses {@code Authorization} for Basic authentication (Helsenorge's convention, docs/partner-guide.md). A request
 * with a token in both is refused (RFC 6750 §2: one method per request).
 */
final class BearerOrXAuthorization implements BearerTokenResolver {

    static final String X_AUTHORIZATION = "X-Authorization";

    private final DefaultBearerTokenResolver authorization = new DefaultBearerTokenResolver();
    private final DefaultBearerTokenResolver xAuthorization = new DefaultBearerTokenResolver();

    BearerOrXAuthorization() {
        xAuthorization.setBearerTokenHeaderName(X_AUTHORIZATION);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        if (request.getHeader(X_AUTHORIZATION) == null) {
            return authorization.resolve(request);
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
                    "A token in X-Authorization goes with Basic authentication in Authorization, or none"));
        }
        return xAuthorization.resolve(request);
    }
}
