package no.portvakt.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/**
 * The shape of every kind of token a partner can get, pinned: the header's type and algorithm, and the exact set of
 * claim names, for one request of each kind. A change to how tokens are issued must leave these as they are; a
 * change to a token's vocabulary changes this test on purpose (and docs/tokens.md with it).
 */
class TokenShapesTest extends PortvaktTestBase {

    private static final String PORTAL = "test-portal";
    private static final String PORTAL_SECRET = "test-portal-secret-0123456789-0123456789-0123456789";
    private static final String RECORDS = ClientAssertions.RECORDS_API;

    @Test
    void theIdTokenAndTheRelyingPartysAccessToken() throws Exception {
        Tokens tokens = login(testRp(), "openid profile");
        assertThat(shape(tokens.toOIDCTokens().getIDTokenString())).isEqualTo("null RS256 [acr, amr, aud, auth_time, "
                + "azp, exp, family_name, given_name, iat, iss, jti, name, nonce, representation, sid, sub]");
        assertThat(shape(tokens.getAccessToken().getValue())).isEqualTo("null RS256 [acr, aud, exp, iat, iss, jti, "
                + "nbf, representation, scope, sub]");
    }

    @Test
    void aSystemTokenWithAndWithoutACitizen() throws Exception {
        assertThat(shape(systemToken("records.system", null))).isEqualTo("at+jwt RS256 [aud, client_id, client_name, "
                + "endusertype, exp, iat, iss, jti, nbf, scope, scp, sub]");
        assertThat(shape(systemToken("records.read", "[{\"type\":\"citizen\",\"pid\":\"" + KARI + "\"}]")))
                .isEqualTo("at+jwt RS256 [aud, authorization_details, client_id, client_name, endusertype, exp, iat, "
                        + "iss, jti, nbf, scope, scp, sub]");
    }

    @Test
    void theCitizenBoundToken() throws Exception {
        String subject = login(new OidcClient(ISSUER, PORTAL, PORTAL_SECRET, callbackUri()), "openid")
                .getAccessToken().getValue();
        HttpResponse<String> exchanged = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token", subject,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token", "scope", "records.live",
                "resource", RECORDS), PORTAL + ":" + PORTAL_SECRET);
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(shape(Http.json(exchanged).get("access_token").asString())).isEqualTo("at+jwt RS256 [acr, "
                + "act, aud, client_id, endusertype, exp, iat, iss, jti, nbf, pid, representation, scope, scp, sub]");
    }

    private static Tokens login(OidcClient client, String scope) {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start(scope, b -> { });
            return client.redeem(attempt, loginWithTestId(browser, client, attempt)).toSuccessResponse().getTokens();
        }
    }

    private static String systemToken(String scope, String authorizationDetails) {
        Map<String, String> form = new LinkedHashMap<>(Http.form("grant_type", "client_credentials",
                "client_id", "test-system", "client_assertion_type", ClientAssertions.JWT_BEARER,
                "client_assertion", ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER,
                        c -> { }), "scope", scope, "resource", RECORDS));
        if (authorizationDetails != null) {
            form.put("authorization_details", authorizationDetails);
        }
        HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).get("access_token").asString();
    }

    /** "typ alg [claim names, sorted]". */
    private static String shape(String jwt) throws Exception {
        SignedJWT token = SignedJWT.parse(jwt);
        return token.getHeader().getType() + " " + token.getHeader().getAlgorithm() + " "
                + new TreeSet<>(token.getJWTClaimsSet().getClaims().keySet());
    }
}
