package no.portvakt.server.exchange;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import no.portvakt.registry.PartnerApi;
import no.portvakt.server.audit.AuditedTokens;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.server.tokens.OncePerRequestLookups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The citizen-bound token (situation 1): a portal backend exchanges a logged-in citizen's access token
 * (RFC 8693) for a token for one partner API. Portvakt's rules come first, then the framework's exchange:
 * <ul>
 *   <li>exactly one registered API as {@code resource} ({@code invalid_target}), and only scopes that API grants
 *       this client ({@code invalid_scope});</li>
 *   <li>the subject token is an access token Portvakt issued to this same client, for a logged-in citizen whose
 *       session at Portvakt has not ended; anything else ({@code expired}, revoked, issued to another client,
 *       altered, of an ended session) is {@code invalid_grant}.</li>
 * </ul>
 * The framework checks scopes against the client's own registered scopes; API scopes are granted per API, so it
 * is handed the client with exactly the scopes checked here.
 */
public final class CitizenTokenExchange implements AuthenticationProvider {

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final String NOT_ACTIVE = "subject_token is not an active access token of a logged-in citizen";

    private final AuthenticationProvider framework;
    private final SubjectTokens subjects;
    private final ProtectedResources apis;

    private CitizenTokenExchange(AuthenticationProvider framework, SubjectTokens subjects, ProtectedResources apis) {
        this.framework = framework;
        this.subjects = subjects;
        this.apis = apis;
    }

    /** Puts Portvakt's rules in front of the framework's token exchange provider in {@code providers}. */
    public static void guard(List<AuthenticationProvider> providers, OAuth2AuthorizationService authorizations,
                             JdbcClient jdbc, SubjectChecks checks, ProtectedResources apis) {
        SubjectTokens subjects = new SubjectTokens(authorizations, jdbc, checks);
        providers.replaceAll(p -> p instanceof OAuth2TokenExchangeAuthenticationProvider
                ? new CitizenTokenExchange(p, subjects, apis) : p);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = (OAuth2TokenExchangeAuthenticationToken) authentication;
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
        AtomicBoolean subjectChecked = checkSubject(request.getSubjectToken(), registered);
        RegisteredClient withApiScopes = RegisteredClient.from(registered)
                .scopes(s -> { s.clear(); s.addAll(scopes); }).build();
        var clientWithApiScopes = new OAuth2ClientAuthenticationToken(withApiScopes,
                client.getClientAuthenticationMethod(), client.getCredentials());
        Authentication exchanged = framework.authenticate(new OAuth2TokenExchangeAuthenticationToken(
                request.getRequestedTokenType(), request.getSubjectToken(), request.getSubjectTokenType(),
                clientWithApiScopes, null, null, request.getResources(), request.getAudiences(), scopes,
                request.getAdditionalParameters()));
        if (!subjectChecked.get()) { // fail closed: a token without an audit record would also go unchecked
            throw error(OAuth2ErrorCodes.SERVER_ERROR, "the subject token could not be checked");
        }
        return exchanged;
    }

    private PartnerApi api(Set<String> resources) {
        if (resources == null || resources.size() != 1) {
            throw error("invalid_target", "give exactly one resource: the partner API the token is for");
        }
        return apis.find(resources.iterator().next())
                .orElseThrow(() -> error("invalid_target", "resource is not a registered API"));
    }

    private AtomicBoolean checkSubject(String subjectToken, RegisteredClient client) {
        SubjectTokens.Subject subject = subjects.find(subjectToken)
                .orElseThrow(() -> error(OAuth2ErrorCodes.INVALID_GRANT, NOT_ACTIVE));
        if (!client.getId().equals(subject.authorization().getRegisteredClientId())) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "subject_token was issued to another client");
        }
        // Whether it still holds (not revoked, the session alive) is known before the token leaves: asked in the
        // statement that writes the new token's audit record, which is written only if it holds.
        AtomicBoolean asked = new AtomicBoolean();
        AuditedTokens.recordWith(record -> {
            asked.set(true);
            return () -> subject.checkAndRecord().apply(record).thenAccept(standing -> {
                switch (standing) {
                    case HOLDS -> { }
                    case SESSION_ENDED -> throw error(OAuth2ErrorCodes.INVALID_GRANT, "the citizen's session has ended");
                    case CHANGED -> throw error(OAuth2ErrorCodes.INVALID_GRANT, NOT_ACTIVE);
                }
            });
        });
        // The framework's provider looks the subject token up again in this request: it gets what was checked.
        OncePerRequestLookups.remember(subjectToken, OAuth2TokenType.ACCESS_TOKEN, subject.authorization());
        return asked;
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return framework.supports(authentication);
    }
}
