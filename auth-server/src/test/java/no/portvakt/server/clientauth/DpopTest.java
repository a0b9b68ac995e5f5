package no.portvakt.server.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/** DPoP (RFC 9449): sender-constrained SystemTokens, refused proofs, and clients that must use it. */
class DpopTest extends PortvaktTestBase {

    private static final String TOKEN = ISSUER + "/oauth2/token";
    private static final String DPOP_CLIENT = "test-dpop:test-dpop-secret-0123456789-0123456789-0123456789";

    @Test
    void aProofBindsTheTokenToTheClientsKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        HttpResponse<String> response = tokenRequest(DPOP_CLIENT, proof(key, "POST", TOKEN, new Date()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("token_type").asString()).isEqualTo("DPoP");
        SignedJWT token = SignedJWT.parse(Http.json(response).get("access_token").asString());
        Map<String, Object> cnf = token.getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertThat(cnf).containsEntry("jkt", key.computeThumbprint().toString());
    }

    @Test
    void aReplayedProofIsRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String proof = proof(key, "POST", TOKEN, new Date());
        assertThat(tokenRequest(DPOP_CLIENT, proof).statusCode()).isEqualTo(200);
        assertRefused(tokenRequest(DPOP_CLIENT, proof));
    }

    @Test
    void aProofForAnotherMethodUriOrTimeIsRefused() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        assertRefused(tokenRequest(DPOP_CLIENT, proof(key, "GET", TOKEN, new Date())));
        assertRefused(tokenRequest(DPOP_CLIENT, proof(key, "POST", ISSUER + "/oauth2/par", new Date())));
        assertRefused(tokenRequest(DPOP_CLIENT, proof(key, "POST", TOKEN,
                new Date(System.currentTimeMillis() - 10 * 60_000))));
    }

    @Test
    void aClientRegisteredForDpopGetsNoTokenWithoutAProof() {
        HttpResponse<String> response = tokenRequest(DPOP_CLIENT, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_dpop_proof");
    }

    @Test
    void otherClientsMayUseDpopOrNot() throws Exception {
        String assertion = ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER, c -> { });
        HttpResponse<String> bearer = ClientAssertions.clientCredentials(ISSUER, "test-system", assertion,
                "records.system");
        assertThat(Http.json(bearer).get("token_type").asString()).isEqualTo("Bearer");
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_dpop_proof");
    }

    private static String proof(ECKey key, String method, String uri, Date issuedAt) throws Exception {
        return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256)
                .createDPoPJWT(new com.nimbusds.oauth2.sdk.id.JWTID(), method, URI.create(uri), issuedAt, null)
                .serialize();
    }

    private static HttpResponse<String> tokenRequest(String basic, String proof) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(Http.encode(Http.form("grant_type", "client_credentials",
                        "scope", "records.system", "resource", ClientAssertions.RECORDS_API))));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return Http.send(request.build());
    }
}
