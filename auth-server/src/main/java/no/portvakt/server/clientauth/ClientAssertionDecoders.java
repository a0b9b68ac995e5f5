package no.portvakt.server.clientauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.portvakt.server.clients.PortvaktClientSettings;
import no.portvakt.registry.outbound.OutboundTargets;
import no.portvakt.registry.outbound.RefusedTarget;
import no.portvakt.server.settings.PortvaktProperties;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * Verifies private_key_jwt client assertions with the client's registered keys: an inline JWK set, or a
 * {@code jwks_uri} fetched with short timeouts and cached. One decoder per client, rebuilt when its keys change.
 */
@Component
public class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

    static final int JWKS_TIMEOUT_MILLIS = 2_000;
    static final int JWKS_SIZE_LIMIT = 64 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    private final Clock clock;
    private final List<String> audiences;
    private final Map<String, Cached> decoders = new ConcurrentHashMap<>();
    private final OutboundTargets targets;

    private record Cached(String keys, JwtDecoder decoder) {
    }

    public ClientAssertionDecoders(Clock clock, PortvaktProperties properties, AuthorizationServerSettings settings,
                                   OutboundTargets targets) {
        this.targets = targets;
        this.clock = clock;
        String issuer = properties.issuer();
        this.audiences = List.of(issuer, issuer + settings.getTokenEndpoint(),
                issuer + settings.getPushedAuthorizationRequestEndpoint(),
                issuer + settings.getTokenIntrospectionEndpoint(), issuer + settings.getTokenRevocationEndpoint());
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        String inline = client.getClientSettings().getSetting(PortvaktClientSettings.JWKS);
        String uri = client.getClientSettings().getJwkSetUrl();
        String keys = inline != null ? inline : uri;
        if (keys == null) {
            throw invalidClient("The client has no registered keys");
        }
        Cached cached = decoders.get(client.getClientId());
        if (cached != null && Objects.equals(cached.keys(), keys)) {
            return cached.decoder();
        }
        JwtDecoder decoder = build(client.getClientId(), inline != null ? inlineSource(inline) : remoteSource(uri));
        decoders.put(client.getClientId(), new Cached(keys, decoder));
        return decoder;
    }

    private JwtDecoder build(String clientId, JWKSource<SecurityContext> source) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
        // Assertions are plain JWTs; refuse an access token (at+jwt) or logout token presented as one.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        // The claims are checked by ClientAssertionRules.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        // An assertion's iss is a client_id, not a URL: the default converter would try (and throw) on every one.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, ClientAssertionDecoders::asString)));
        decoder.setJwtValidator(new ClientAssertionRules(clientId, audiences, clock));
        return decoder;
    }

    private static Object asString(Object claim) {
        return claim == null ? null : claim.toString();
    }

    private static JWKSource<SecurityContext> inlineSource(String jwks) {
        try {
            return new ImmutableJWKSet<>(JWKSet.parse(jwks));
        } catch (ParseException e) {
            throw invalidClient("The client's registered JWK set is not valid");
        }
    }

    /** The client's published keys, fetched (each time, not only the first) only from a target Portvakt may reach. */
    private JWKSource<SecurityContext> remoteSource(String uri) {
        DefaultResourceRetriever fetch = new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS,
                JWKS_SIZE_LIMIT);
        ResourceRetriever guarded = url -> {
            try {
                targets.check(url.toURI());
            } catch (RefusedTarget | java.net.URISyntaxException e) {
                throw new java.io.IOException("the jwks_uri " + e.getMessage());
            }
            return fetch.retrieveResource(url);
        };
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL(), guarded).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw invalidClient("The client's jwks_uri is not valid");
        }
    }

    private static OAuth2AuthenticationException invalidClient(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}
