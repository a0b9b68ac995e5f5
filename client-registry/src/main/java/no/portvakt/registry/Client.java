package no.portvakt.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A partner's OAuth client as Portvakt stores it. {@code secretSha256} is the hex SHA-256 of a generated
 * high-entropy secret: the clear secret is never stored.
 */
public record Client(
        String clientId,
        String partnerId,
        String clientName,
        AuthMethod authMethod,
        String secretSha256,
        Instant secretExpiresAt,
        String jwks,
        String jwksUri,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        Set<String> grantTypes,
        Set<String> scopes,
        boolean requirePar,
        boolean introspectionAllowed,
        boolean requireDpop,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Instant updatedAt) {

    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofHours(8);

    public Client {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = Set.copyOf(scopes);
    }

    public boolean isPublic() {
        return authMethod == AuthMethod.NONE;
    }
}
