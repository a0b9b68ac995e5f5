package no.portvakt.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partners, clients and APIs as the admin API shows them and the change trail records them: every field that says
 * what the entity is and may do, and of a secret only whether there is one (and its expiry). An API's view has the
 * bootstrap file's fields, so what the admin API shows can be sent back changed.
 */
public final class RegistryViews {

    private RegistryViews() {
    }

    public static Map<String, Object> of(Partner p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", p.id());
        view.put("name", p.name());
        view.put("organisation_number", p.organisationNumber());
        view.put("contact_name", p.contactName());
        view.put("contact_email", p.contactEmail());
        view.put("agreement_signed_on", p.agreementSignedOn() == null ? null : p.agreementSignedOn().toString());
        view.put("suspended_at", p.suspendedAt() == null ? null : p.suspendedAt().toString());
        view.put("suspended_reason", p.suspendedReason());
        view.put("trusted", p.trusted());
        return view;
    }

    public static Map<String, Object> of(Client c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_id", c.clientId());
        view.put("partner_id", c.partnerId());
        view.put("client_name", c.clientName());
        view.put("state", !c.approved() ? "pending" : c.partnerTrusted() ? "active" : "partner_not_trusted");
        view.put("token_endpoint_auth_method", c.authMethod().value());
        view.put("has_secret", c.secretSha256() != null);
        view.put("client_secret_expires_at", c.secretExpiresAt() == null ? null : c.secretExpiresAt().toString());
        view.put("jwks_uri", c.jwksUri());
        view.put("has_jwks", c.jwks() != null);
        view.put("redirect_uris", c.redirectUris());
        view.put("post_logout_redirect_uris", c.postLogoutRedirectUris());
        view.put("grant_types", c.grantTypes());
        view.put("scope", String.join(" ", c.scopes()));
        view.put("require_pushed_authorization_requests", c.requirePar());
        view.put("dpop_bound_access_tokens", c.requireDpop());
        view.put("introspection", c.introspectionAllowed());
        view.put("access_token_ttl_seconds", c.accessTokenTtl().toSeconds());
        view.put("refresh_token_ttl_seconds", c.refreshTokenTtl().toSeconds());
        if (c.service() != null) {
            view.put("initiate_login_uri", c.service().initiateLoginUri());
            view.put("target_link_uri", c.service().targetLinkUri());
        }
        view.put("logout", c.logout().shared() ? "shared" : "independent");
        view.put("backchannel_logout_uri", c.logout().backchannelLogoutUri());
        return view;
    }

    public static Map<String, Object> of(PartnerApi api) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("resource", api.resource());
        view.put("partner_id", api.partnerId());
        view.put("name", api.name());
        view.put("token_ttl", api.tokenTtl().toSeconds() + "s");
        view.put("token_type", api.tokenType());
        List<Map<String, Object>> scopes = new ArrayList<>();
        for (ApiScope scope : api.scopes().values().stream()
                .sorted(java.util.Comparator.comparing(ApiScope::name)).toList()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", scope.name());
            s.put("description", scope.description());
            s.put("requires", scope.requires().value());
            s.put("consent", scope.consent());
            if (!scope.texts().isEmpty()) {
                Map<String, Object> texts = new LinkedHashMap<>();
                for (String language : ApiScope.LANGUAGES) {
                    texts.put(language, scope.text(language).fields());
                }
                s.put("texts", texts);
            }
            scopes.add(s);
        }
        view.put("scopes", scopes);
        List<Map<String, Object>> clients = new ArrayList<>();
        api.grants().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(grant -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("client_id", grant.getKey());
            g.put("scopes", grant.getValue().stream().sorted().toList());
            clients.add(g);
        });
        view.put("clients", clients);
        return view;
    }
}
