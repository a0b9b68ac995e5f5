package no.portvakt.server.clients;

import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/** Portvakt's own entries in a client's {@link ClientSettings}, and typed access to them. */
public final class PortvaktClientSettings {

    /** The client's JWK set, inline (JSON), for private_key_jwt. */
    public static final String JWKS = "portvakt.client.jwks";
    /** Whether the client must use pushed authorization requests (RFC 9126). */
    public static final String REQUIRE_PAR = "portvakt.client.require-par";
    /** Whether the client is a resource server that may introspect tokens (RFC 7662). */
    public static final String INTROSPECTION_ALLOWED = "portvakt.client.introspection-allowed";
    /** Whether every token request of the client must carry a DPoP proof (RFC 9449). */
    public static final String REQUIRE_DPOP = "portvakt.client.require-dpop";
    /** The partner that owns the client. */
    public static final String PARTNER_ID = "portvakt.client.partner-id";

    private PortvaktClientSettings() {
    }

    public static boolean introspectionAllowed(ClientSettings settings) {
        return Boolean.TRUE.equals(settings.getSetting(INTROSPECTION_ALLOWED));
    }

    public static boolean requireDpop(ClientSettings settings) {
        return Boolean.TRUE.equals(settings.getSetting(REQUIRE_DPOP));
    }

    public static boolean requirePar(ClientSettings settings) {
        return Boolean.TRUE.equals(settings.getSetting(REQUIRE_PAR));
    }
}
