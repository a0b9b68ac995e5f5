package no.portvakt.registry.dcr;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.portvakt.registry.Client;

/**
 * Client metadata as RFC 7591 §2 names it (with OIDC Registration's and RFC 9126's, RFC 9449's additions), to and
 * from the registry's fields. Unknown metadata is ignored (RFC 7591 §2); what is read is checked by the same rules
 * as the bootstrap file's clients, and by the registration policy of {@link ClientRegistrationController}.
 */
final class ClientMetadata {

    /** RFC 7591 name → the registry's (bootstrap file) name, for the fields read as they are. */
    private static final Map<String, String> SAME_SHAPE = Map.of(
            "client_name", "client_name",
            "token_endpoint_auth_method", "auth_method",
            "redirect_uris", "redirect_uris",
            "post_logout_redirect_uris", "post_logout_redirect_uris",
            "grant_types", "grant_types",
            "jwks_uri", "jwks_uri",
            "require_pushed_authorization_requests", "require_par",
            "dpop_bound_access_tokens", "require_dpop",
            "initiate_login_uri", "initiate_login_uri");

    private ClientMetadata() {
    }

    /** The registry's name of an RFC 7591 field, or the field itself (for error descriptions, the other way). */
    static String metadataName(String registryField) {
        if ("scopes".equals(registryField)) {
            return "scope";
        }
        return SAME_SHAPE.entrySet().stream().filter(e -> e.getValue().equals(registryField)).map(Map.Entry::getKey)
                .findFirst().orElse(registryField);
    }

    /**
     * The registry entry for {@code metadata}: {@code clientId} given by Portvakt, the secret (or its hash) given
     * by the caller, the defaults of RFC 7591 §2 where a field is absent.
     */
    static Map<String, Object> toRegistryEntry(Map<String, Object> metadata, String clientId,
                                               Map<String, Object> secret) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("client_id", clientId);
        SAME_SHAPE.forEach((name, field) -> {
            if (metadata.get(name) != null) {
                entry.put(field, metadata.get(name));
            }
        });
        entry.putIfAbsent("auth_method", "client_secret_basic");
        entry.putIfAbsent("grant_types", List.of("authorization_code"));
        if (metadata.get("scope") instanceof String scope) {
            entry.put("scopes", List.of(scope.trim().split("\\s+")));
        } else if (metadata.get("scope") != null) {
            entry.put("scopes", metadata.get("scope")); // not a string: the rules name the field
        }
        if (metadata.get("jwks") instanceof Map<?, ?> jwks) {
            @SuppressWarnings("unchecked")
            Map<String, Object> set = (Map<String, Object>) jwks;
            entry.put("jwks", JSONObjectUtils.toJSONString(set));
        }
        if (entry.containsKey("initiate_login_uri") && metadata.get("target_link_uri") != null) {
            entry.put("target_link_uri", metadata.get("target_link_uri"));
        }
        entry.putAll(secret);
        return entry;
    }

    /** What the registration endpoint answers (RFC 7591 §3.2.1, RFC 7592 §3): no secret, only its expiry. */
    static Map<String, Object> of(Client c, String registrationClientUri) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("client_id", c.clientId());
        metadata.put("client_name", c.clientName());
        metadata.put("token_endpoint_auth_method", c.authMethod().value());
        metadata.put("grant_types", new ArrayList<>(c.grantTypes()));
        if (c.grantTypes().contains("authorization_code")) {
            metadata.put("response_types", List.of("code"));
            metadata.put("redirect_uris", c.redirectUris());
        }
        metadata.put("post_logout_redirect_uris", c.postLogoutRedirectUris());
        metadata.put("scope", String.join(" ", c.scopes()));
        if (c.jwksUri() != null) {
            metadata.put("jwks_uri", c.jwksUri());
        }
        if (c.jwks() != null) {
            try {
                metadata.put("jwks", JSONObjectUtils.parse(c.jwks()));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("a stored JWKS is JSON", e);
            }
        }
        metadata.put("require_pushed_authorization_requests", c.requirePar());
        metadata.put("dpop_bound_access_tokens", c.requireDpop());
        if (c.service() != null) {
            metadata.put("initiate_login_uri", c.service().initiateLoginUri());
            metadata.put("target_link_uri", c.service().targetLinkUri());
        }
        if (c.logout().backchannelLogoutUri() != null) {
            metadata.put("backchannel_logout_uri", c.logout().backchannelLogoutUri());
        }
        if (c.secretExpiresAt() != null) {
            metadata.put("client_secret_expires_at", c.secretExpiresAt().getEpochSecond());
        }
        metadata.put("registration_client_uri", registrationClientUri);
        metadata.put("portvakt_state", c.approved() ? "approved" : "pending");
        return metadata;
    }

    /** Grant types a partner may register itself; token exchange and the rest are an administrator's decision. */
    static final Set<String> SELF_SERVICE_GRANTS = Set.of("authorization_code", "refresh_token", "client_credentials");
    /** OpenID Connect scopes a partner may register itself; pid is an administrator's decision (minimisation). */
    static final Set<String> SELF_SERVICE_LOGIN_SCOPES = Set.of("openid", "profile", "offline_access");
}
