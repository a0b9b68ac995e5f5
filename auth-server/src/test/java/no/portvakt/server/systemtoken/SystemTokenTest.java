package no.portvakt.server.systemtoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/** SystemTokens (situations 3 to 5): exactly one API, only granted scopes, a citizen only where one is needed. */
class SystemTokenTest extends PortvaktTestBase {

    private static final String RECORDS = ClientAssertions.RECORDS_API;
    private static final String CITIZEN = "[{\"type\":\"citizen\",\"pid\":\"" + KARI + "\"}]";

    /**
     * A partner moving from Helsenorge's SystemToken validates {@code typ: JWT}, as Spring Security 7's default
     * decoder does: its API is registered for that header, and its tokens pass; an at+jwt API's tokens do not.
     */
    @Test
    void anApiRegisteredForTheJwtHeaderGetsTokensItsPartnersDefaultDecoderTakes() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        String legacy = "https://api.test-partner.example/legacy";
        HttpResponse<String> registered = Http.postJson(ISSUER + "/admin/api/partners/test-partner/apis", admin, """
                {"resource": "%s", "name": "Legacy journal", "token_type": "JWT",
                 "scopes": [{"name": "legacy.read", "description": "Read"}],
                 "clients": [{"client_id": "test-admin", "scopes": ["legacy.read"]}]}""".formatted(legacy));
        assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
        assertThat(Http.get(ISSUER + "/admin/api/apis", "Authorization", "Bearer " + admin).body())
                .contains("\"token_type\":\"JWT\"");
        var partnersDecoder = org.springframework.security.oauth2.jwt.NimbusJwtDecoder
                .withJwkSetUri(ISSUER + "/oauth2/jwks").build();

        String jwtTyped = Http.json(Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type",
                "client_credentials", "scope", "legacy.read", "resource", legacy), TEST_ADMIN))
                .get("access_token").asString();
        assertThat(partnersDecoder.decode(jwtTyped).getHeaders()).containsEntry("typ", "JWT");

        String atJwt = adminToken(TEST_ADMIN, "portvakt.admin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> partnersDecoder.decode(atJwt))
                .hasMessageContaining("typ");

        assertThat(Http.postJson(ISSUER + "/admin/api/partners/test-partner/apis", admin, """
                {"resource": "https://api.test-partner.example/odd", "name": "Odd", "token_type": "jwt",
                 "scopes": [{"name": "odd.read", "description": "Read"}]}""").body()).contains("token_type");
    }

    @Test
    void aSystemTokenCarriesTheVocabularyPartnersVerify() throws Exception {
        SignedJWT token = issued(request("records.system", RECORDS, null));
        assertThat(token.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) JWKSet.load(URI.create(ISSUER + "/oauth2/jwks").toURL())
                .getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly(RECORDS);
        assertThat(claims.toJSONObject().get("aud")).isEqualTo(RECORDS); // one audience, as a string
        assertThat(claims.getSubject()).isEqualTo("test-system");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("test-system");
        assertThat(claims.getStringClaim("client_name")).isEqualTo("Test portal system");
        assertThat(claims.getStringClaim("scope")).isEqualTo("records.system");
        assertThat(claims.getStringClaim("scp")).isEqualTo("records.system");
        assertThat(claims.getStringClaim("endusertype")).isEqualTo("system");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isNotNull();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
        assertThat(claims.getClaim("authorization_details")).isNull();
    }

    @Test
    void aNamedCitizenIsCarriedInAuthorizationDetails() throws Exception {
        JWTClaimsSet claims = issued(request("records.read records.write", RECORDS, CITIZEN)).getJWTClaimsSet();
        assertThat(claims.getStringClaim("endusertype")).isEqualTo("citizen");
        assertThat(claims.getStringClaim("scope")).isEqualTo("records.read records.write");
        assertThat(claims.getListClaim("authorization_details"))
                .containsExactly(Map.of("type", "citizen", "pid", KARI));
    }

    @Test
    void eachApiHasItsOwnLifetime() throws Exception {
        JWTClaimsSet claims = issued(request("consents.write", "https://api.other-partner.example/consents", null))
                .getJWTClaimsSet();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(120_000);
    }

    @Test
    void theResourceMustBeExactlyOneRegisteredApi() {
        assertError(request("records.system", null, null), "invalid_target");
        assertError(request("records.system", "https://api.unknown.example/", null), "invalid_target");
        Map<String, String> form = form("records.system", RECORDS, null);
        String twice = Http.encode(form) + "&resource=" + java.net.URLEncoder.encode(
                "https://api.other-partner.example/consents", java.nio.charset.StandardCharsets.UTF_8);
        assertError(Http.postRaw(ISSUER + "/oauth2/token", "application/x-www-form-urlencoded", twice),
                "invalid_target");
    }

    @Test
    void scopesMustBeOfferedAndGrantedNeverNarrowed() {
        assertError(request("", RECORDS, null), "invalid_scope");
        assertError(request("records.nonexistent", RECORDS, null), "invalid_scope");
        assertError(request("records.unassigned", RECORDS, null), "invalid_scope");
        assertError(request("records.system records.unassigned", RECORDS, null), "invalid_scope");
        // A scope of another API is not one of this API's.
        assertError(request("consents.write", RECORDS, null), "invalid_scope");
        // A scope for a logged-in citizen comes only from token exchange.
        assertError(request("records.live", RECORDS, CITIZEN), "invalid_scope");
    }

    @Test
    void aCitizenIsNamedExactlyWhenAScopeActsForOne() {
        assertError(request("records.read", RECORDS, null), "invalid_authorization_details");
        assertError(request("records.system", RECORDS, CITIZEN), "invalid_authorization_details");
    }

    @Test
    void malformedAuthorizationDetailsAreRefused() {
        for (String details : List.of("not json", "{}", "[]", "[{\"type\":\"citizen\"}]",
                "[{\"type\":\"citizen\",\"pid\":\"12048645510\"}]",
                "[{\"type\":\"fullmakt\",\"pid\":\"" + KARI + "\"}]",
                "[{\"type\":\"citizen\",\"pid\":\"" + KARI + "\",\"extra\":1}]",
                CITIZEN.replace("]", "," + CITIZEN.substring(1)))) {
            assertError(request("records.read", RECORDS, details), "invalid_authorization_details");
        }
    }

    private static SignedJWT issued(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("token_type").asString()).isEqualTo("Bearer");
        return SignedJWT.parse(Http.json(response).get("access_token").asString());
    }

    private static void assertError(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo(error);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    private static HttpResponse<String> request(String scope, String resource, String authorizationDetails) {
        return Http.postForm(ISSUER + "/oauth2/token", form(scope, resource, authorizationDetails));
    }

    private static Map<String, String> form(String scope, String resource, String authorizationDetails) {
        Map<String, String> form = new LinkedHashMap<>(Http.form("grant_type", "client_credentials",
                "client_id", "test-system", "client_assertion_type", ClientAssertions.JWT_BEARER,
                "client_assertion", ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, "test-system", ISSUER,
                        c -> { }), "scope", scope));
        if (resource != null) {
            form.put("resource", resource);
        }
        if (authorizationDetails != null) {
            form.put("authorization_details", authorizationDetails);
        }
        return form;
    }
}
