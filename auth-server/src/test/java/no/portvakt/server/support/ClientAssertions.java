package no.portvakt.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** private_key_jwt client assertions (RFC 7523 §2.2), as a partner's system signs them: fresh for each request. */
public final class ClientAssertions {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ClientAssertions() {
    }

    public static String privateKeyJwt(RSAKey key, String clientId, String audience,
                                       Consumer<JWTClaimsSet.Builder> customize) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString());
        customize.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test records API, which grants {@code test-system} its scopes. */
    public static final String RECORDS_API = "https://api.test-partner.example/records";

    /** A client_credentials request for the records API, authenticated with {@code assertion}. */
    public static HttpResponse<String> clientCredentials(String issuer, String clientId, String assertion,
                                                         String scope) {
        return Http.postForm(issuer + "/oauth2/token", Http.form(
                "grant_type", "client_credentials", "client_id", clientId,
                "client_assertion_type", JWT_BEARER, "client_assertion", assertion, "scope", scope,
                "resource", RECORDS_API));
    }

    /**
     * The form of a SystemToken request by {@code test-system} (private_key_jwt with {@code key}, a fresh assertion)
     * for the records API, naming the citizen {@code pid}: a token in a citizen's name, audited.
     */
    public static Map<String, String> systemTokenNaming(String issuer, RSAKey key, String pid) {
        Map<String, String> form = new LinkedHashMap<>(Http.form("grant_type", "client_credentials",
                "client_id", "test-system", "client_assertion_type", JWT_BEARER,
                "client_assertion", privateKeyJwt(key, "test-system", issuer, c -> { }), "scope", "records.read",
                "resource", RECORDS_API));
        form.put("authorization_details", "[{\"type\":\"citizen\",\"pid\":\"" + pid + "\"}]");
        return form;
    }
}
