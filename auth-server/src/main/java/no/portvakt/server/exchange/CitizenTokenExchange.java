package no.portvakt.server.exchange;

import java.util.List;
import java.util.Set;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.clientauth.AssertedClient;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.server.representation.ActingContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The citizen-bound token (situation 1): a portal backend exchanges a logged-in citizen's access token
 * (RFC 8693) for a token for one partner API. Portvakt's rules come first, then the framework's exchange:
 * <ul>
 *   <li>exactly one registered API as {@code resource} ({@code invalid_target}), and only scopes that API grants
 *       this client ({@code invalid_scope});</li>
 *   <li>the subject token is an access token Portvakt issued to this same client, for a logged-in citizen whose
 *       session at Portvakt has not ended; anything else ({@code expired}, revoked, issued to another client,
 *       altered, of an ended session) is {@code invalid_grant};</li>
 *   <li>the citizen may still act for the person they chose, with these scopes ({@code invalid_grant}).</li>
 * </ul>
 * What passes is the request's issuance: the client, the API, the citizen and whom they act for, the scopes, and
 * the checks pending while the token is signed (the client assertion's first use, then whether the subject token
 * still holds, asked in the statement that writes the audit record). The framework checks scopes against the
 * client's own registered scopes; API scopes are granted per API, so it is handed the client with exactly the
 * scopes checked here.
 */
public final class CitizenTokenExchange implements AuthenticationProvider {

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final AuthenticationProvider framework;
    private final SubjectTokens subjects;
    private final ProtectedResources apis;
    private final ActingContext acting;

    private CitizenTokenExchange(AuthenticationProvider framework, SubjectTokens subjects, ProtectedResources apis,
                                 ActingContext acting) {
        this.framework = framework;
        this.subjects = subjects;
        this.apis = apis;
        this.acting = acting;
    }

    /**
     * Puts Portvakt's rules in front of the framework's token exchange in {@code providers}. The framework's
     * provider reads the subject token's authorization itself: it is given the one these rules checked.
     */
    public static void guard(List<AuthenticationProvider> providers, OAuth2AuthorizationService authorizations,
                             OAuth2TokenGenerator<?> tokens, JdbcClient jdbc, SubjectChecks checks,
                             ProtectedResources apis, ActingContext acting) {
        SubjectTokens subjects = new SubjectTokens(authorizations, jdbc, checks);
        var exchange = new CitizenTokenExchange(
                new OAuth2TokenExchangeAuthenticationProvider(subjects.asChecked(authorizations), tokens), subjects,
                apis, acting);
        providers.replaceAll(p -> p instanceof OAuth2TokenExchangeAuthenticationProvider ? exchange : p);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = (ExchangeGrant) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || client.getRegisteredClient() == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        RegisteredClient registered = client.getRegisteredClient();
        if (!ACCESS_TOKEN_TYPE.equals(request.getSubjectTokenType()) || request.getActorToken() != null) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "subject_token_type must be " + ACCESS_TOKEN_TYPE + ", with no actor_token");
        }
        PartnerApi api = api(request.getResources());
        Set<String> scopes = request.getScopes();
        if (scopes.isEmpty() || !api.grantedTo(registered.getClientId()).containsAll(scopes)) {
            throw error(OAuth2ErrorCodes.INVALID_SCOPE, "only scopes this API grants this client may be asked for");
        }
        SubjectTokens.Subject subject = subjects.find(request.getSubjectToken())
                .orElseThrow(() -> error(OAuth2ErrorCodes.INVALID_GRANT, SubjectTokens.NOT_ACTIVE));
        if (!registered.getId().equals(subject.authorization().getRegisteredClientId())) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "subject_token was issued to another client");
        }
        Issuance issuance = Issuance.forCitizen(registered, List.of(api), new Issuance.Acting(subject.citizen(),
                acting.forIssuance(subject.citizen(), scopes)), scopes, api.partnerId());
        issuance = AssertedClient.pendingCheck(client).map(issuance::pendingOn).orElse(issuance);
        request.issuing().decide(issuance.pendingOn(subject.stillHolds()));
        RegisteredClient withApiScopes = RegisteredClient.from(registered)
                .scopes(s -> { s.clear(); s.addAll(scopes); }).build();
        return framework.authenticate(request.forClient(new OAuth2ClientAuthenticationToken(withApiScopes,
                client.getClientAuthenticationMethod(), client.getCredentials())));
    }

    private PartnerApi api(Set<String> resources) {
        if (resources == null || resources.size() != 1) {
            throw error("invalid_target", "give exactly one resource: the partner API the token is for");
        }
        return apis.find(resources.iterator().next())
                .orElseThrow(() -> error("invalid_target", "resource is not a registered API"));
    }

    static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ExchangeGrant.class.isAssignableFrom(authentication);
    }
}
