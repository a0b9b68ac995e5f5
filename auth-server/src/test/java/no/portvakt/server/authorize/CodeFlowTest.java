package no.portvakt.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import no.portvakt.server.support.StandInRelyingParty.Callback;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorization code flow, end to end, through the real login page, with a strict OIDC client library. */
class CodeFlowTest extends PortvaktTestBase {

    private OidcClient client;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void discover() {
        client = testRp();
    }

    @Test
    void strictClientLogsInSyntheticCitizenAndValidatesIdToken() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid profile", b -> { });
            HtmlPage login = browser.open(attempt.request().toURI());
            assertThat(login.getUrl().getPath()).isEqualTo("/login");
            assertThat(login.asNormalizedText()).contains("TEST");

            browser.loginAs(login, KARI, "idporten-loa-high");
            AuthorizationCode code = client.code(attempt, callback());
            OIDCTokenResponse tokens = ((OIDCTokenResponse) client.redeem(attempt, code).toSuccessResponse());
            IDTokenClaimsSet id = client.validate(tokens.getOIDCTokens().getIDToken(), attempt);

            assertThat(id.getStringClaim("acr")).isEqualTo("idporten-loa-high");
            assertThat(id.getStringListClaim("amr")).containsExactly("TestID");
            assertThat(id.getAuthenticationTime()).isNotNull();
            assertThat(id.getStringClaim("sid")).isNotBlank();
            // The fødselsnummer never leaves as sub: a pairwise identifier does.
            assertThat(id.getSubject().getValue()).isNotEqualTo(KARI).doesNotContain(KARI).hasSize(43);
            // Signed with a key the JWKS publishes, named by kid.
            String kid = JWSObject.parse(tokens.getOIDCTokens().getIDTokenString()).getHeader().getKeyID();
            assertThat(JWKSet.load(client.provider().getJWKSetURI().toURL()).getKeyByKeyId(kid)).isNotNull();
            // RFC 9068 §2.2.3: the access token's scope is one space-separated string.
            var access = com.nimbusds.jwt.SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue());
            assertThat(access.getJWTClaimsSet().getClaim("scope")).isEqualTo("openid profile");
            // No offline_access asked for: no refresh token.
            assertThat(tokens.getOIDCTokens().getRefreshToken()).isNull();
        }
    }

    @Test
    void secondAuthorizationInTheSameSessionSkipsLogin() {
        try (Browser browser = new Browser()) {
            loginThroughBrowser(browser, client.start("openid", b -> { }));
            OidcClient.Attempt again = client.start("openid", b -> { });
            Page page = browser.open(again.request().toURI());
            assertThat(page.getUrl().toString()).startsWith(callbackUri());
            assertThat(client.code(again, callback())).isNotNull();
        }
    }

    @Test
    void replayedCodeIsRefusedAndRevokesWhatTheFirstUseIssued() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            AuthorizationCode code = loginThroughBrowser(browser, attempt);
            TokenResponse first = client.redeem(attempt, code);
            String accessToken = first.toSuccessResponse().getTokens().getAccessToken().getValue();
            assertThat(userinfo(accessToken).statusCode()).isEqualTo(200);

            TokenResponse second = client.redeem(attempt, code);
            assertThat(second.indicatesSuccess()).isFalse();
            assertThat(second.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
            assertThat(userinfo(accessToken).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aCodeLivesSixtySecondsAndNoLonger() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            AuthorizationCode code = loginThroughBrowser(browser, attempt);
            var lifetime = jdbc.sql("""
                    select extract(epoch from authorization_code_expires_at - authorization_code_issued_at)
                    from oauth2_authorization where authorization_code_value = ?
                    """).param(code.getValue()).query(Double.class).single();
            assertThat(lifetime).isEqualTo(60.0);
            // Age the code past its expiry, as the passing of a minute would.
            jdbc.sql("""
                    update oauth2_authorization set authorization_code_issued_at = now() - interval '61 seconds',
                        authorization_code_expires_at = now() - interval '1 second'
                    where authorization_code_value = ?
                    """).param(code.getValue()).update();
            TokenResponse response = client.redeem(attempt, code);
            assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        }
    }

    @Test
    void wrongCodeVerifierIsInvalidGrant() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> { });
            AuthorizationCode code = loginThroughBrowser(browser, attempt);
            HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token", Http.form(
                    "grant_type", "authorization_code", "code", code.getValue(), "redirect_uri", callbackUri(),
                    "code_verifier", "a-different-verifier-that-is-long-enough-0123456789"),
                    TEST_RP + ":" + TEST_RP_SECRET);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_grant");
            assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        }
    }

    @Test
    void wrongSecretIs401WithBasicChallenge() {
        HttpResponse<String> response = Http.postForm(ISSUER + "/oauth2/token",
                Http.form("grant_type", "authorization_code", "code", "x", "redirect_uri", callbackUri()),
                TEST_RP + ":not-the-secret");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void formPostResponseModePostsTheResponseToTheClient() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> b.responseMode(
                    com.nimbusds.oauth2.sdk.ResponseMode.FORM_POST));
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            Callback callback = RP.takeCallback();
            assertThat(callback.method()).isEqualTo("POST");
            assertThat(client.code(attempt, callback.asUri(RP.url()))).isNotNull();
        }
    }

    @Test
    void formPostWorksWithoutJavaScript() throws Exception {
        try (Browser browser = new Browser().withoutJavaScript()) {
            OidcClient.Attempt attempt = client.start("openid", b -> b.responseMode(
                    com.nimbusds.oauth2.sdk.ResponseMode.FORM_POST));
            HtmlPage form = (HtmlPage) browser.loginAs(browser.open(attempt.request().toURI()), KARI,
                    "idporten-loa-substantial");
            assertThat(form.getForms().get(0).getActionAttribute()).isEqualTo(callbackUri());
            org.htmlunit.html.HtmlButton submit = form.getFirstByXPath("//button[@type='submit']");
            submit.click();
            assertThat(client.code(attempt, callback())).isNotNull();
        }
    }

    @Test
    void partnersSeeDifferentSubjectsForTheSameCitizen() {
        OidcClient other = new OidcClient(ISSUER, "other-rp", "other-rp-secret-0123456789-0123456789-01234567",
                callbackUri());
        try (Browser browser = new Browser()) {
            OidcClient.Attempt a = client.start("openid", b -> { });
            IDTokenClaimsSet mine = client.validate(OidcClient.idToken(client.redeem(a, loginThroughBrowser(browser, a))), a);
            OidcClient.Attempt b = other.start("openid", x -> { });
            browser.open(b.request().toURI());
            IDTokenClaimsSet theirs = other.validate(OidcClient.idToken(other.redeem(b, other.code(b, callback()))), b);
            assertThat(theirs.getSubject()).isNotEqualTo(mine.getSubject());
            assertThat(theirs.getStringClaim("sid")).isEqualTo(mine.getStringClaim("sid"));
        }
    }

    @Test
    void unknownClientGetsAnErrorPageAndNoRedirect() {
        try (Browser browser = new Browser()) {
            HtmlPage page = browser.open(URI.create(ISSUER + "/oauth2/authorize?response_type=code&scope=openid"
                    + "&client_id=no-such-client&redirect_uri=" + callbackUri()));
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.getUrl().toString()).startsWith(ISSUER);
            assertThat(page.querySelector("h1").getTextContent()).isEqualTo("Noe gikk galt");
            assertThat(page.asNormalizedText()).doesNotContain("Exception").doesNotContain("at org.");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    @Test
    void unregisteredRedirectUriGetsAnErrorPageAndNoRedirect() {
        try (Browser browser = new Browser().acceptLanguage("en")) {
            OidcClient evil = new OidcClient(ISSUER, TEST_RP, TEST_RP_SECRET, RP.url() + "/callback/evil");
            HtmlPage page = browser.open(evil.start("openid", b -> { }).request().toURI());
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(page.querySelector("h1").getTextContent()).isEqualTo("Something went wrong");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    @Test
    void missingOrPlainPkceIsRefusedBackToTheClient() {
        String base = ISSUER + "/oauth2/authorize?response_type=code&scope=openid&client_id=" + TEST_RP
                + "&redirect_uri=" + callbackUri() + "&state=s1";
        for (String pkce : List.of("", "&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghij123&code_challenge_method=plain")) {
            HttpResponse<String> response = Http.get(base + pkce);
            assertThat(response.statusCode()).isEqualTo(302);
            String location = response.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(callbackUri()).contains("error=invalid_request").contains("state=s1")
                    .contains("iss=" + java.net.URLEncoder.encode(ISSUER, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void stateOrNonceOver1000CharactersIsRefused() {
        String tooLong = "x".repeat(1001);
        for (var customize : List.<java.util.function.Consumer<com.nimbusds.openid.connect.sdk.AuthenticationRequest.Builder>>of(
                b -> b.state(new com.nimbusds.oauth2.sdk.id.State(tooLong)),
                b -> b.nonce(new com.nimbusds.openid.connect.sdk.Nonce(tooLong)))) {
            OidcClient.Attempt attempt = client.start("openid", customize);
            HttpResponse<String> response = Http.get(attempt.request().toURI().toString());
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .startsWith(callbackUri()).contains("error=invalid_request");
        }
    }

    @Test
    void promptNoneWithoutSessionIsLoginRequired() throws Exception {
        var none = com.nimbusds.openid.connect.sdk.Prompt.parse("none");
        OidcClient.Attempt attempt = client.start("openid", b -> b.prompt(none));
        HttpResponse<String> response = Http.get(attempt.request().toURI().toString());
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .startsWith(callbackUri()).contains("error=login_required");
    }

    @Test
    void clientThatMustUseParIsRefusedInTheFrontChannel() {
        OidcClient parClient = new OidcClient(ISSUER, "test-rp-par", "unused", callbackUri());
        HttpResponse<String> response = Http.get(parClient.start("openid", b -> { }).request().toURI().toString());
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .startsWith(callbackUri()).contains("error=invalid_request");
    }

    @Test
    void clientThatMustUseParLogsInThroughPar() throws Exception {
        String secret = "test-rp-par-secret-0123456789-0123456789-012345";
        OidcClient parClient = new OidcClient(ISSUER, "test-rp-par", secret, callbackUri());
        List<com.nimbusds.langtag.LangTag> english = List.of(com.nimbusds.langtag.LangTag.parse("en"));
        OidcClient.Attempt attempt = parClient.start("openid", b -> b.uiLocales(english));
        HttpResponse<String> pushed = Http.postForm(ISSUER + "/oauth2/par",
                withClientSecret(attempt.request().toParameters(), "test-rp-par", secret));
        assertThat(pushed.statusCode()).isEqualTo(201);
        String requestUri = Http.json(pushed).get("request_uri").asString();
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(URI.create(ISSUER + "/oauth2/authorize?client_id=test-rp-par&request_uri="
                    + java.net.URLEncoder.encode(requestUri, java.nio.charset.StandardCharsets.UTF_8)));
            // ui_locales inside the pushed request reaches the login page.
            assertThat(login.asNormalizedText()).contains("Choose a synthetic test person");
            browser.loginAs(login, KARI, "idporten-loa-substantial");
            assertThat(parClient.code(attempt, callback())).isNotNull();
        }
    }

    @Test
    void loginPageSpeaksTheRequestedLanguage() throws Exception {
        List<com.nimbusds.langtag.LangTag> nynorsk = List.of(com.nimbusds.langtag.LangTag.parse("nn"));
        try (Browser browser = new Browser()) {
            HtmlPage nn = browser.open(client.start("openid", b -> b.uiLocales(nynorsk)).request().toURI());
            assertThat(nn.asNormalizedText()).contains("Vel ein syntetisk testperson");
            assertThat(nn.getDocumentElement().getAttribute("lang")).isEqualTo("nn");
        }
        try (Browser browser = new Browser().acceptLanguage("en-GB,en;q=0.8")) {
            HtmlPage en = browser.open(client.start("openid", b -> { }).request().toURI());
            assertThat(en.asNormalizedText()).contains("Choose a synthetic test person");
        }
    }

    @Test
    void loginHintPreselectsTheCitizen() {
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(client.start("openid", b -> b.loginHint("28816196088")).request().toURI());
            var chosen = (org.htmlunit.html.HtmlRadioButtonInput) login.querySelector("input[name=pid][checked]");
            assertThat(chosen.getValueAttribute()).isEqualTo("28816196088");
            HtmlPage unknown = browser.open(client.start("openid", b -> b.loginHint("05895894984")).request()
                    .toURI());
            assertThat(unknown.<org.htmlunit.html.HtmlInput>querySelector("#pid-other").getValue())
                    .isEqualTo("05895894984");
        }
    }

    @Test
    void invalidFodselsnummerIsExplainedOnTheLoginPage() {
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(client.start("openid", b -> { }).request().toURI());
            HtmlPage again = (HtmlPage) browser.loginAs(login, "12048645510", "idporten-loa-substantial");
            assertThat(again.getUrl().getPath()).isEqualTo("/login");
            assertThat(again.querySelector("[role=alert]").getTextContent()).contains("ikke gyldig");
            HtmlPage notSynthetic = (HtmlPage) browser.loginAs(again, "01019010046", "idporten-loa-substantial");
            assertThat(notSynthetic.querySelector("[role=alert]").getTextContent()).contains("syntetiske");
            assertThat(RP.takeCallback()).isNull();
        }
    }

    private static java.util.Map<String, String> withClientSecret(java.util.Map<String, List<String>> params,
                                                                  String clientId, String secret) {
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> form.put(k, v.get(0)));
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return form;
    }

    private AuthorizationCode loginThroughBrowser(Browser browser, OidcClient.Attempt attempt) {
        return loginWithTestId(browser, client, attempt);
    }
}
