package no.portvakt.server.systemtoken;

import java.util.Set;
import java.util.function.Consumer;
import no.portvakt.server.clientauth.AssertedClient;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.registry.ApiScope;
import no.portvakt.registry.PartnerApi;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who may have which SystemToken (situations 3 to 5), checked before one is made. Nothing is narrowed or widened:
 * a request either gets exactly what it asked for or an error.
 * <ul>
 *   <li>one registered API as {@code resource}, else {@code invalid_target} (RFC 8707 §2);</li>
 *   <li>at least one scope, each offered by that API and granted to this client, none needing a logged-in
 *       citizen, else {@code invalid_scope};</li>
 *   <li>a citizen in {@code authorization_details} exactly when a scope needs one, else
 *       {@code invalid_authorization_details} (RFC 9396 §5).</li>
 * </ul>
 * What passes is the request's issuance, pending on the client assertion's first use when the client sent one.
 */
@Component
public class SystemTokenRules implements Consumer<OAuth2ClientCredentialsAuthenticationContext> {

    private final ProtectedResources apis;

    public SystemTokenRules(ProtectedResources apis) {
        this.apis = apis;
    }

    @Override
    public void accept(OAuth2ClientCredentialsAuthenticationContext context) {
        OAuth2ClientCredentialsAuthenticationToken grant = context.getAuthentication();
        Set<String> scopes = grant.getScopes();
        SystemTokenRequest request = SystemTokenRequest.read(grant.getAdditionalParameters(), scopes, apis);
        PartnerApi api = request.api();
        if (scopes.isEmpty()) {
            throw SystemTokenRequest.error(OAuth2ErrorCodes.INVALID_SCOPE, "scope is required");
        }
        Set<String> granted = api.grantedTo(context.getRegisteredClient().getClientId());
        boolean needsCitizen = false;
        for (String scope : scopes) {
            ApiScope offered = api.scopes().get(scope);
            if (offered == null || !granted.contains(scope)) {
                throw SystemTokenRequest.error(OAuth2ErrorCodes.INVALID_SCOPE,
                        "scope '" + scope + "' is not one this client may ask of this API");
            }
            if (offered.requires() == ApiScope.Requires.LOGIN) {
                throw SystemTokenRequest.error(OAuth2ErrorCodes.INVALID_SCOPE, "scope '" + scope
                        + "' needs a logged-in citizen: exchange the citizen's token instead");
            }
            needsCitizen |= offered.requires() == ApiScope.Requires.CITIZEN;
        }
        if (needsCitizen && request.citizenPid().isEmpty()) {
            throw SystemTokenRequest.error(SystemTokenRequest.INVALID_AUTHORIZATION_DETAILS,
                    "these scopes act for a citizen: name the citizen in authorization_details");
        }
        if (!needsCitizen && request.citizenPid().isPresent()) {
            throw SystemTokenRequest.error(SystemTokenRequest.INVALID_AUTHORIZATION_DETAILS,
                    "none of these scopes acts for a citizen: this client may not name one for them");
        }
        Issuance issuance = Issuance.forSystem(context.getRegisteredClient(), api, request.citizenPid(), scopes);
        ((SystemTokenGrant) grant).issuing().decide(
                AssertedClient.pendingCheck(grant.getPrincipal()).map(issuance::pendingOn).orElse(issuance));
    }
}
