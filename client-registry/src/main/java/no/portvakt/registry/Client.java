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
        Service service,
        Logout logout,
        boolean approved,
        boolean partnerTrusted,
        Instant updatedAt) {

    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofHours(8);

    /**
     * A partner service the portal's page links to (OIDC Core §4, third-party-initiated login): the citizen is sent
     * to {@code initiateLoginUri} with {@code iss}, {@code login_hint} and {@code targetLinkUri}.
     */
    public record Service(String initiateLoginUri, String targetLinkUri) {
    }

    /**
     * How the partner takes part in logout. {@code shared}: its RP-initiated logout ends the citizen's session at
     * Portvakt, and a {@code backchannelLogoutUri} hears of every logout of the session. Not shared (independent,
     * Helsenorge's default): its logout revokes its own tokens and leaves the session alone.
     */
    public record Logout(boolean shared, String backchannelLogoutUri) {

        public static final Logout INDEPENDENT = new Logout(false, null);
    }

    public Client {
        logout = logout == null ? Logout.INDEPENDENT : logout;
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = Set.copyOf(scopes);
    }

    /**
     * Whether the client may authenticate and get tokens: approved by an administrator (a DCR registration is
     * pending until then), and its partner trusted (an agreement, not suspended).
     */
    /** The same registration with its secret expiring at {@code expiresAt}. */
    public Client withSecretExpiresAt(Instant expiresAt) {
        return new Client(clientId, partnerId, clientName, authMethod, secretSha256, expiresAt, jwks, jwksUri,
                redirectUris, postLogoutRedirectUris, grantTypes, scopes, requirePar, introspectionAllowed,
                requireDpop, accessTokenTtl, refreshTokenTtl, service, logout, approved, partnerTrusted, updatedAt);
    }

    public boolean trusted() {
        return approved && partnerTrusted;
    }

    public boolean isPublic() {
        return authMethod == AuthMethod.NONE;
    }
}
