package no.portvakt.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Partners and clients as the admin API shows them and the change trail records them: every field that says what
 * the entity is and may do, and of a secret only whether there is one (and its expiry).
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
}
