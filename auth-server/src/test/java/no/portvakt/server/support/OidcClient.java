package no.portvakt.server.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A relying party built on Nimbus' OAuth 2.0 / OpenID Connect SDK, used unmodified: it discovers Portvakt,
 * builds the request (PKCE S256, state, nonce), parses the response (checking {@code iss}, RFC 9207), redeems the
 * code and validates the ID token (signature from the JWKS, iss, aud, exp, iat, nonce).
 */
public final class OidcClient {

    private final OIDCProviderMetadata provider;
    private final ClientID clientId;
    private final Supplier<ClientAuthentication> authentication;
    private final URI redirectUri;

    /** One login in progress: what the client keeps between the request and the response. */
    public record Attempt(AuthenticationRequest request, CodeVerifier verifier, State state, Nonce nonce) {
    }

    public OidcClient(String issuer, String clientId, String secret, String redirectUri) {
        this(issuer, clientId, id -> new ClientSecretBasic(id, new Secret(secret)), redirectUri);
    }

    /** A client that authenticates at the token endpoint as {@code authentication} says (a fresh one per request). */
    public OidcClient(String issuer, String clientId, Function<ClientID, ClientAuthentication> authentication,
                      String redirectUri) {
        try {
            this.provider = OIDCProviderMetadata.resolve(new Issuer(issuer));
        } catch (Exception e) {
            throw new IllegalStateException("Discovery failed", e);
        }
        this.clientId = new ClientID(clientId);
        this.authentication = () -> authentication.apply(this.clientId);
        this.redirectUri = URI.create(redirectUri);
    }

    public OIDCProviderMetadata provider() {
        return provider;
    }

    public Attempt start(String scope, Consumer<AuthenticationRequest.Builder> customize) {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(scope), clientId, redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
        customize.accept(builder);
        return new Attempt(builder.build(), verifier, state, nonce);
    }

    /** Parses the redirect the browser brought back, and checks state and issuer. */
    public AuthorizationCode code(Attempt attempt, URI callback) {
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
            if (!response.indicatesSuccess()) {
                throw new AssertionError("Authorization failed: " + response.toErrorResponse().getErrorObject());
            }
            var success = response.toSuccessResponse();
            if (!attempt.state().equals(success.getState())) {
                throw new AssertionError("state does not match");
            }
            if (!provider.getIssuer().equals(success.getIssuer())) {
                throw new AssertionError("iss (RFC 9207) is " + success.getIssuer());
            }
            return success.getAuthorizationCode();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("Unparseable authorization response " + callback, e);
        }
    }

    public TokenResponse redeem(Attempt attempt, AuthorizationCode code) {
        try {
            ClientAuthentication client = authentication.get();
            TokenRequest.Builder builder = new TokenRequest.Builder(provider.getTokenEndpointURI(), client,
                    new AuthorizationCodeGrant(code, redirectUri, attempt.verifier()));
            if (client instanceof JWTAuthentication) { // Spring's authorization server wants client_id beside it
                builder.customParameter("client_id", clientId.getValue());
            }
            TokenRequest request = builder.build();
            return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Completes a login: the code from the callback, redeemed, and the ID token validated. */
    public IDTokenClaimsSet finish(Attempt attempt, URI callback) {
        return validate(idToken(redeem(attempt, code(attempt, callback))), attempt);
    }

    public static JWT idToken(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("Token request failed: " + response.toErrorResponse().getErrorObject());
        }
        return ((com.nimbusds.openid.connect.sdk.OIDCTokenResponse) response).getOIDCTokens().getIDToken();
    }

    public IDTokenClaimsSet validate(JWT idToken, Attempt attempt) {
        try {
            IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256,
                    provider.getJWKSetURI().toURL());
            return validator.validate(idToken, attempt.nonce());
        } catch (Exception e) {
            throw new AssertionError("ID token rejected: " + e.getMessage(), e);
        }
    }
}
