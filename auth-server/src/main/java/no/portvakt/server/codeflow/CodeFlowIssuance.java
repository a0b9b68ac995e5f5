package no.portvakt.server.codeflow;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.clients.PortvaktClientSettings;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.OidcScopes;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.server.representation.ActingContext;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The issuance of the code flow and of refresh, decided from the authorization the framework read: the logged-in
 * citizen, whom they act for as the rules stand now ({@link ActingContext#forIssuance}: a representation that ended
 * since the citizen chose it refuses the token), the consented scopes, and the registered APIs that offer the
 * scopes which are not OpenID Connect's own. The sector is the client's partner.
 */
@Component
public class CodeFlowIssuance implements Function<JwtEncodingContext, Issuance> {

    private final ActingContext acting;
    private final ProtectedResources apis;

    public CodeFlowIssuance(ActingContext acting, ProtectedResources apis) {
        this.acting = acting;
        this.apis = apis;
    }

    @Override
    public Issuance apply(JwtEncodingContext context) {
        if (!(context.getPrincipal() instanceof CitizenAuthentication login)) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
        }
        RegisteredClient client = context.getRegisteredClient();
        Set<String> scopes = context.getAuthorizedScopes();
        List<String> apiScopes = scopes.stream().filter(scope -> !OidcScopes.ALL.contains(scope)).toList();
        List<PartnerApi> targets = apiScopes.isEmpty() ? List.of() : apis.offering(apiScopes);
        return Issuance.forCitizen(client, targets,
                new Issuance.Acting(login.citizen(), acting.forIssuance(login.citizen(), scopes)), scopes,
                client.getClientSettings().getSetting(PortvaktClientSettings.PARTNER_ID));
    }
}
