package no.portvakt.registry;

import java.time.Duration;
import java.util.Map;

/**
 * A partner API as a protected resource: {@code resource} (an absolute URI) becomes the token's {@code aud}
 * (RFC 8707); {@code scopes} maps each offered scope to its description.
 */
public record PartnerApi(String resource, String partnerId, String name, Duration tokenTtl, Map<String, String> scopes) {

    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(5);

    public PartnerApi {
        scopes = Map.copyOf(scopes);
    }
}
