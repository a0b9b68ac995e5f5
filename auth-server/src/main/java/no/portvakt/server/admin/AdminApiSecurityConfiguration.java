package no.portvakt.server.admin;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /admin/api}: Portvakt's own API for operators and automation, a protected resource like any partner's.
 * A caller needs a SystemToken whose {@code aud} is {@code {issuer}/admin/api}, with scope {@code portvakt.admin}
 * to change anything or {@code portvakt.audit} to read. Stateless: no session, no cookie, no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
public class AdminApiSecurityConfiguration {

    public static final String PATH = "/admin/api";

    @Bean
    @Order(0)
    SecurityFilterChain adminApiChain(HttpSecurity http, JWKSource<SecurityContext> keys,
                                      PortvaktProperties properties) throws Exception {
        NimbusJwtDecoder decoder = accessTokensFor(keys, properties.issuer(), properties.issuer() + PATH);
        http.securityMatcher(PATH + "/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, PATH + "/openapi.yaml").permitAll()
                        .requestMatchers(HttpMethod.GET, PATH + "/**")
                        .hasAnyAuthority("SCOPE_portvakt.admin", "SCOPE_portvakt.audit")
                        .anyRequest().hasAuthority("SCOPE_portvakt.admin"))
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(decoder)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * Portvakt's own access tokens for one of its own APIs, checked as partners are told to check theirs: RS256 by
     * a published key, {@code typ at+jwt} and RFC 9068's claims, Portvakt's issuer, {@code audience} as aud, and a
     * {@code client_id}. Any client may hold such a token: which one may is the API's grants, checked when the
     * token was issued.
     */
    public static NimbusJwtDecoder accessTokensFor(JWKSource<SecurityContext> keys, String issuer, String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(issuer)
                .audience(audience)
                .validators(v -> v.put("client_id", jwt -> jwt.hasClaim("client_id")
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "client_id is missing",
                                null))))
                .build());
        return decoder;
    }
}
