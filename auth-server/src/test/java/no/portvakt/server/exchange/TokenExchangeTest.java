package no.portvakt.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import no.portvakt.server.audit.TokenAudit;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ClientAssertions;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The citizen-bound token (situation 1): RFC 8693 token exchange of a logged-in citizen's access token. */
class TokenExchangeTest extends PortvaktTestBase {

    private static final String PORTAL = "test-portal";
    private static final String PORTAL_BASIC = PORTAL + ":test-portal-secret-0123456789-0123456789-0123456789";
    private static final String RECORDS = ClientAssertions.RECORDS_API;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenAudit audit;

    @Test
    void theExchangedTokenIsBoundToTheSameCitizenForOneApi() throws Exception {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            JWTClaimsSet subjectClaims = SignedJWT.parse(subject).getJWTClaimsSet();
            HttpResponse<String> response = exchange(subject, RECORDS, "records.live");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Http.json(response).get("issued_token_type").asString())
                    .isEqualTo("urn:ietf:params:oauth:token-type:access_token");
            SignedJWT token = SignedJWT.parse(Http.json(response).get("access_token").asString());
            JWTClaimsSet claims = token.getJWTClaimsSet();
            assertThat(token.getHeader().getType().getType()).isEqualTo("at+jwt");
            assertThat(claims.getAudience()).containsExactly(RECORDS);
            assertThat(claims.getStringClaim("pid")).isEqualTo(KARI);
            assertThat(claims.getJSONObjectClaim("act")).containsEntry("sub", PORTAL);
            assertThat(claims.getStringClaim("scope")).isEqualTo("records.live");
            assertThat(claims.getStringClaim("scp")).isEqualTo("records.live");
            assertThat(claims.getStringClaim("endusertype")).isEqualTo("citizen");
            assertThat(claims.getStringClaim("acr")).isEqualTo("idporten-loa-substantial");
            // The API's partner gets its own pairwise sub, not the portal's.
            assertThat(claims.getSubject()).isNotEqualTo(subjectClaims.getSubject()).doesNotContain(KARI);
            assertThat(claims.getExpirationTime()).isBeforeOrEqualTo(subjectClaims.getExpirationTime());
            String jti = claims.getJWTID();
            assertThat(audit.forCitizen(KARI)).anySatisfy(r -> {
                assertThat(r.jti()).isEqualTo(jti);
                assertThat(r.grantType()).isEqualTo("urn:ietf:params:oauth:grant-type:token-exchange");
                assertThat(r.audience()).isEqualTo(RECORDS);
            });
        }
    }

    @Test
    void aPortalAuthenticatingWithPrivateKeyJwtExchangesAndEveryTokenIsAudited() throws Exception {
        // Its assertion's jti is recorded while the token is signed: the subject check and the audit record come
        // after it, in the token's gate.
        String client = "test-portal-jwt";
        OidcClient portal = new OidcClient(ISSUER, client, id -> new PrivateKeyJWT(assertion(client)), callbackUri());
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = portal.start("openid", b -> { });
            var redeemed = portal.redeem(attempt, loginWithTestId(browser, portal, attempt));
            assertThat(redeemed.indicatesSuccess()).as(() -> redeemed.toErrorResponse().getErrorObject().toJSONObject()
                    .toString()).isTrue();
            String subject = redeemed.toSuccessResponse().getTokens().getAccessToken().getValue();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                        "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                        "subject_token", subject,
                        "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                        "resource", RECORDS, "scope", "records.live", "client_id", client,
                        "client_assertion_type", ClientAssertions.JWT_BEARER,
                        "client_assertion", assertion(client).serialize()));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JWTClaimsSet claims = SignedJWT.parse(Http.json(response).get("access_token").asString())
                        .getJWTClaimsSet();
                assertThat(claims.getJSONObjectClaim("act")).containsEntry("sub", client);
                assertThat(audit.forCitizen(KARI)).anySatisfy(r -> {
                    assertThat(r.jti()).isEqualTo(claims.getJWTID());
                    assertThat(r.clientId()).isEqualTo(client);
                });
            }
        }
    }

    private static SignedJWT assertion(String client) {
        try {
            return SignedJWT.parse(ClientAssertions.privateKeyJwt(SYSTEM_CLIENT_KEY, client, ISSUER, c -> { }));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theExchangedTokenIsNotStoredAndIntrospectsFromItself() throws Exception {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            int stored = jdbc.sql("select count(*) from oauth2_authorization").query(Integer.class).single();
            String token = Http.json(exchange(subject, RECORDS, "records.live")).get("access_token").asString();
            String again = Http.json(exchange(subject, RECORDS, "records.live")).get("access_token").asString();
            assertThat(jdbc.sql("select count(*) from oauth2_authorization").query(Integer.class).single())
                    .isEqualTo(stored);
            var answer = Http.json(Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", token),
                    RESOURCE_SERVER));
            assertThat(answer.get("active").asBoolean()).isTrue();
            assertThat(answer.get("client_id").asString()).isEqualTo(PORTAL);
            assertThat(answer.get("act").get("sub").asString()).isEqualTo(PORTAL);
            assertThat(answer.get("aud").get(0).asString()).isEqualTo(RECORDS);
            assertThat(answer.get("sub").asString()).isEqualTo(SignedJWT.parse(again).getJWTClaimsSet().getSubject());
            // Altered, it is not active.
            String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertThat(Http.json(Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", altered),
                    RESOURCE_SERVER)).get("active").asBoolean()).isFalse();
        }
    }

    @Test
    void theTokenNeverOutlivesTheSubjectToken() throws Exception {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            // The subject token has 2 minutes left; the API's own lifetime would be 5.
            jdbc.sql("update oauth2_authorization set access_token_expires_at = now() + interval '2 minutes' "
                    + "where access_token_value = ?").param(subject).update();
            JWTClaimsSet claims = SignedJWT.parse(Http.json(exchange(subject, RECORDS, "records.live"))
                    .get("access_token").asString()).getJWTClaimsSet();
            long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
            assertThat(lifetime).isBetween(110_000L, 121_000L);
        }
    }

    @Test
    void badSubjectTokensAreInvalidGrant() {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            // Altered: one character of the signature changed.
            String tampered = subject.substring(0, subject.length() - 2)
                    + (subject.charAt(subject.length() - 2) == 'A' ? 'B' : 'A') + subject.charAt(subject.length() - 1);
            assertError(exchange(tampered, RECORDS, "records.live"), "invalid_grant");
            // Issued to another client.
            OidcClient rp = testRp();
            OidcClient.Attempt attempt = rp.start("openid", b -> { });
            browser.open(attempt.request().toURI());
            String foreign = rp.redeem(attempt, rp.code(attempt, callback())).toSuccessResponse().getTokens()
                    .getAccessToken().getValue();
            assertError(exchange(foreign, RECORDS, "records.live"), "invalid_grant");
            // Expired, after an exchange that succeeded (so Portvakt has read it before).
            assertThat(exchange(subject, RECORDS, "records.live").statusCode()).isEqualTo(200);
            jdbc.sql("update oauth2_authorization set access_token_issued_at = now() - interval '10 minutes', "
                    + "access_token_expires_at = now() - interval '1 second' where access_token_value = ?")
                    .param(subject).update();
            assertError(exchange(subject, RECORDS, "records.live"), "invalid_grant");
        }
    }

    @Test
    void aRevokedSubjectTokenIsInvalidGrant() {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            assertThat(exchange(subject, RECORDS, "records.live").statusCode()).isEqualTo(200);
            Http.postForm(ISSUER + "/oauth2/revoke", Http.form("token", subject), PORTAL_BASIC);
            int audited = jdbc.sql("select count(*) from token_audit").query(Integer.class).single();
            // First refused by the check of the kept subject token (its row changed), then as read again.
            assertError(exchange(subject, RECORDS, "records.live"), "invalid_grant");
            assertError(exchange(subject, RECORDS, "records.live"), "invalid_grant");
            assertThat(jdbc.sql("select count(*) from token_audit").query(Integer.class).single()).isEqualTo(audited);
        }
    }

    @Test
    void aSubjectTokenOfAnEndedSessionIsRefused() throws Exception {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            assertThat(exchange(subject, RECORDS, "records.live").statusCode()).isEqualTo(200);
            // The session runs out (idle or too old): the subject token is still stored, its session is not.
            assertThat(jdbc.sql("""
                    delete from spring_session where principal_name in
                        (select sid from session_participant where acting_pid = ?)
                    """).param(KARI).update()).isPositive();
            int audited = jdbc.sql("select count(*) from token_audit").query(Integer.class).single();
            HttpResponse<String> refused = exchange(subject, RECORDS, "records.live");
            assertError(refused, "invalid_grant");
            assertThat(Http.json(refused).get("error_description").asString()).contains("session has ended");
            // Signed while the session was checked, never sent, and so not in the audit trail either.
            assertThat(jdbc.sql("select count(*) from token_audit").query(Integer.class).single()).isEqualTo(audited);
        }
    }

    @Test
    void theApiAndItsScopesMustBeGrantedToTheExchangingClient() {
        try (Browser browser = new Browser()) {
            String subject = portalLogin(browser);
            assertError(exchange(subject, null, "records.live"), "invalid_target");
            assertError(exchange(subject, "https://api.unknown.example/", "records.live"), "invalid_target");
            assertError(exchange(subject, RECORDS, "records.write"), "invalid_scope");
            assertError(exchange(subject, RECORDS, ""), "invalid_scope");
        }
    }

    @Test
    void aParentsExchangedTokenNamesTheChildAndCarriesNoMoreThanTheChildsLimits() throws Exception {
        String ola = "28816196088";
        String emil = "20861252052"; // 14: the teen scopes (records.read) only
        try (Browser browser = new Browser()) {
            OidcClient portal = new OidcClient(ISSUER, PORTAL, "test-portal-secret-0123456789-0123456789-0123456789",
                    callbackUri());
            OidcClient.Attempt attempt = portal.start("openid", b -> { });
            browser.actFor((org.htmlunit.html.HtmlPage) browser.login(browser.open(attempt.request().toURI()), ola,
                    "idporten-loa-substantial"), emil);
            String subject = portal.redeem(attempt, portal.code(attempt, callback())).toSuccessResponse().getTokens()
                    .getAccessToken().getValue();

            HttpResponse<String> response = exchange(subject, RECORDS, "records.read");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JWTClaimsSet claims = SignedJWT.parse(Http.json(response).get("access_token").asString()).getJWTClaimsSet();
            assertThat(claims.getStringClaim("pid")).isEqualTo(ola); // who acts
            Map<String, Object> representation = claims.getJSONObjectClaim("representation");
            assertThat(representation).containsEntry("relation", "parent")
                    .containsEntry("scope_limits", java.util.List.of("records.read"));
            assertThat(representation.get("represented").toString()).contains(emil); // whose data
            assertThat(audit.forCitizen(emil)).anySatisfy(r -> {
                assertThat(r.jti()).isEqualTo(claims.getJWTID());
                assertThat(r.actingPid()).isEqualTo(ola);
                assertThat(r.representedPid()).isEqualTo(emil);
            });

            // records.live is beyond what may be used for a child of 14.
            assertError(exchange(subject, RECORDS, "records.live"), "invalid_grant");
        }
    }

    private static String portalLogin(Browser browser) {
        OidcClient portal = new OidcClient(ISSUER, PORTAL, "test-portal-secret-0123456789-0123456789-0123456789",
                callbackUri());
        OidcClient.Attempt attempt = portal.start("openid", b -> { });
        var code = loginWithTestId(browser, portal, attempt);
        return portal.redeem(attempt, code).toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    private static HttpResponse<String> exchange(String subjectToken, String resource, String scope) {
        Map<String, String> form = new LinkedHashMap<>(Http.form(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", subjectToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "scope", scope));
        if (resource != null) {
            form.put("resource", resource);
        }
        return Http.postForm(ISSUER + "/oauth2/token", form, PORTAL_BASIC);
    }

    private static void assertError(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo(error);
        assertThat(response.body()).doesNotContain("access_token\"");
    }
}
