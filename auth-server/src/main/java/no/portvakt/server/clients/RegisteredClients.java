package no.portvakt.server.clients;

import no.portvakt.server.registry.ClientsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.server.registry.RegistryCache;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The framework's view of Portvakt's clients. Lookups are served from memory for {@code portvakt.clients.cache-ttl}
 * (and dropped at once when the registry changes, see {@code RegistryChanges}) so the token endpoint does not
 * query the client table on every request; the registry stays the source of truth. Portvakt's policy is applied
 * here, for every client: PKCE required, codes live 60 s, refresh tokens rotate.
 * <p>
 * {@link #findByClientId} is what a client authenticates and asks with: it knows only trusted clients (approved,
 * of a partner with an agreement and not suspended), so any other gets {@code invalid_client}.
 * {@link #findById} reads stored authorizations back, and knows every client.
 */
@Component
public class RegisteredClients implements RegisteredClientRepository {

    /** Authorization codes are short-lived and single use (OAuth 2.1 §4.1.2). */
    static final Duration AUTHORIZATION_CODE_TTL = Duration.ofSeconds(60);

    private record Known(RegisteredClient client, boolean trusted) {
    }

    private final RegistryCache<Known> cache;

    public RegisteredClients(ClientRegistry registry, ClientsProperties properties, Clock clock,
                             MeterRegistry meters) {
        this.cache = new RegistryCache<>(id -> registry.findClient(id)
                .map(c -> new Known(toRegisteredClient(c), c.trusted())), properties, clock,
                meters.counter("portvakt.registry.stale", "cache", "clients")::increment);
    }

    /** Forgets every cached client (the registry changed). */
    public void forget() {
        cache.clear();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are registered through the client registry");
    }

    /** Any registered client, trusted or not: the registered client's id is its client_id. */
    @Override
    public RegisteredClient findById(String id) {
        return known(id).map(Known::client).orElse(null);
    }

    /** A client that may authenticate and get tokens now, or null. */
    @Override
    public RegisteredClient findByClientId(String clientId) {
        return known(clientId).filter(Known::trusted).map(Known::client).orElse(null);
    }

    private java.util.Optional<Known> known(String clientId) {
        if (clientId == null || clientId.length() > 100) {
            return java.util.Optional.empty();
        }
        return cache.get(clientId);
    }

    static RegisteredClient toRegisteredClient(Client c) {
        ClientSettings.Builder settings = ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(false)
                .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256)
                .setting(PortvaktClientSettings.REQUIRE_PAR, c.requirePar())
                .setting(PortvaktClientSettings.INTROSPECTION_ALLOWED, c.introspectionAllowed())
                .setting(PortvaktClientSettings.REQUIRE_DPOP, c.requireDpop())
                .setting(PortvaktClientSettings.PARTNER_ID, c.partnerId());
        if (c.jwksUri() != null) {
            settings.jwkSetUrl(c.jwksUri());
        }
        if (c.jwks() != null) {
            settings.setting(PortvaktClientSettings.JWKS, c.jwks());
        }
        TokenSettings tokens = TokenSettings.builder()
                .authorizationCodeTimeToLive(AUTHORIZATION_CODE_TTL)
                .accessTokenTimeToLive(c.accessTokenTtl())
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .refreshTokenTimeToLive(c.refreshTokenTtl())
                .reuseRefreshTokens(false)
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        RegisteredClient.Builder builder = RegisteredClient.withId(c.clientId())
                .clientId(c.clientId())
                .clientName(c.clientName())
                .clientAuthenticationMethod(new ClientAuthenticationMethod(c.authMethod().value()))
                .clientSecret(c.secretSha256())
                .clientSecretExpiresAt(c.secretExpiresAt())
                .redirectUris(uris -> uris.addAll(c.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(c.postLogoutRedirectUris()))
                .authorizationGrantTypes(grants -> c.grantTypes()
                        .forEach(g -> grants.add(new AuthorizationGrantType(g))))
                .scopes(scopes -> scopes.addAll(c.scopes()))
                .clientSettings(settings.build())
                .tokenSettings(tokens);
        return builder.build();
    }
}
