package no.portvakt.server.config;

import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The same strict headers on every response. No inline script or style anywhere ({@code 'self'} only), no framing
 * ({@code frame-ancestors 'none'}: a consent cannot be clicked through a hidden frame). {@code form-action} is left
 * out on purpose: browsers apply it to the redirect after a form, and the login form ends in a redirect to the
 * partner's registered redirect URI. HSTS on every answer when the issuer is https: behind a proxy that ends TLS the
 * request itself arrives over http, and its scheme must not decide whether browsers are told to stay on https.
 */
@Component
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final boolean httpsIssuer;

    SecurityHeaders(PortvaktProperties properties) {
        this.httpsIssuer = properties.issuer().startsWith("https:");
    }

    void apply(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .httpStrictTransportSecurity(hsts -> {
                    hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000);
                    if (httpsIssuer) {
                        hsts.requestMatcher(AnyRequestMatcher.INSTANCE);
                    }
                })
                .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
    }
}
