package no.portvakt.server.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Introspection (RFC 7662) of tokens for partner APIs, which are not stored ({@link StatelessApiTokens}): a token is
 * active when Portvakt signed it with a published key, it is an API's access token ({@code typ at+jwt}, or
 * {@code JWT} for an API registered so; an ID token has no {@code client_id} and is never taken for one) within its
 * lifetime, either a SystemToken ({@code sub} is the client) or a citizen-bound token ({@code act.sub} is the
 * client, RFC 8693 §4.1), and its client is still registered.
 */
@Component
public class ApiTokenIntrospection {

    private final NimbusJwtDecoder decoder;
    private final RegisteredClientRepository clients;

    public ApiTokenIntrospection(JWKSource<SecurityContext> keys, PortvaktProperties properties,
                                    RegisteredClientRepository clients) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(PartnerApi.AT_JWT),
                new JOSEObjectType(PartnerApi.JWT)));
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
        Map<String, Object> act = jwt.getClaimAsMap("act");
        boolean systemToken = clientId != null && clientId.equals(jwt.getSubject());
        boolean exchanged = clientId != null && act != null && clientId.equals(act.get("sub"));
        if (!(systemToken || exchanged) || clients.findByClientId(clientId) == null) {
            return Optional.empty(); // a relying party's token of a citizen is stored, and answered from the store
        }
        Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
        var answer = OAuth2TokenIntrospection.builder(true)
                .clientId(clientId)
                .scope(jwt.getClaimAsString("scope"))
                .audiences(a -> a.addAll(jwt.getAudience()))
                .subject(jwt.getSubject())
                .issuer(jwt.getClaimAsString("iss"))
                .issuedAt(jwt.getIssuedAt())
                .notBefore(jwt.getNotBefore())
                .expiresAt(jwt.getExpiresAt())
                .id(jwt.getId())
                .tokenType(cnf != null && cnf.containsKey("jkt") ? "DPoP" : "Bearer");
        if (exchanged) {
            answer.claim("act", act);
        }
        return Optional.of(answer.build());
    }
}
