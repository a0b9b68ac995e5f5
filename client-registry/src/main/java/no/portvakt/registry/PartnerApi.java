package no.portvakt.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A partner API as a protected resource: {@code resource} (an absolute URI) becomes the token's {@code aud}
 * (RFC 8707); {@code tokenType} is the {@code typ} header its tokens carry, the one the partner's validation
 * expects; {@code scopes} are the scopes it offers, by name; {@code grants} says which client may ask for which of
 * them.
 */
public record PartnerApi(String resource, String partnerId, String name, Duration tokenTtl, String tokenType,
                         Map<String, ApiScope> scopes, Map<String, Set<String>> grants) {

    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(5);
    /** RFC 9068 §2.1's header, the default. */
    public static final String AT_JWT = "at+jwt";
    /** The header of Helsenorge's SystemToken, for a partner whose validation cannot yet take {@code at+jwt}. */
    public static final String JWT = "JWT";
    public static final Set<String> TOKEN_TYPES = Set.of(AT_JWT, JWT);

    public PartnerApi {
        scopes = Map.copyOf(scopes);
        grants = Map.copyOf(grants);
    }

    /** The scopes granted to {@code clientId}; empty for a client with no grant. */
    public Set<String> grantedTo(String clientId) {
        return grants.getOrDefault(clientId, Set.of());
    }
}
