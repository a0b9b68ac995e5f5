package no.portvakt.server.systemtoken;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Map;
import java.util.Optional;
import no.portvakt.server.config.PortvaktProperties;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Introspection (RFC 7662) of SystemTokens, which are not stored: a token is active when Portvakt signed it with a
 * published key, it is an access token (`typ at+jwt`) within its lifetime, from client_credentials (no citizen
 * login behind it), and its client is still registered.
 */
@Component
public class SystemTokenIntrospection {

    private final NimbusJwtDecoder decoder;
    private final RegisteredClientRepository clients;

    public SystemTokenIntrospection(JWKSource<SecurityContext> keys, PortvaktProperties properties,
                                    RegisteredClientRepository clients) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        this.decoder = new NimbusJwtDecoder(processor);
        this.decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(properties.issuer())
                // Any audience and client: which ones exist is checked below, against the registry.
                .validators(v -> {
                    v.put("aud", jwt -> OAuth2TokenValidatorResult.success());
                    v.put("client_id", jwt -> OAuth2TokenValidatorResult.success());
                })
                .build());
        this.clients = clients;
    }

    /** The introspection answer for an active SystemToken, or empty for anything else. */
    public Optional<OAuth2TokenIntrospection> introspect(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            return Optional.empty();
        }
        String clientId = jwt.getClaimAsString("client_id");
        if (clientId == null || !clientId.equals(jwt.getSubject()) || clients.findByClientId(clientId) == null) {
            return Optional.empty(); // a citizen's token (sub is pairwise) is stored, and answered from the store
        }
        Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
        return Optional.of(OAuth2TokenIntrospection.builder(true)
                .clientId(clientId)
                .scope(jwt.getClaimAsString("scope"))
                .audiences(a -> a.addAll(jwt.getAudience()))
                .subject(jwt.getSubject())
                .issuer(jwt.getClaimAsString("iss"))
                .issuedAt(jwt.getIssuedAt())
                .notBefore(jwt.getNotBefore())
                .expiresAt(jwt.getExpiresAt())
                .id(jwt.getId())
                .tokenType(cnf != null && cnf.containsKey("jkt") ? "DPoP" : "Bearer")
                .build());
    }
}
