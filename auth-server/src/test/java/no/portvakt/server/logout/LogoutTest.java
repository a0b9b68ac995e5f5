package no.portvakt.server.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.TokenResponse;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Logout: RP-initiated (OIDC RP-Initiated Logout 1.0) by a shared client ends the session, and every shared
 * partner hears of it over the back channel (OIDC Back-Channel Logout 1.0) from a durable queue with retries; an
 * independent client's logout only ends its own tokens; the portal's own logout is told to the partners too.
 */
class LogoutTest extends PortvaktTestBase {

    private static final String SHARED = "test-rp-shared";
    private static final String SHARED_SECRET = "test-rp-shared-secret-0123456789-0123456789-0123";
    private static final String SUBSTANTIAL = "idporten-loa-substantial";
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    @Autowired
    LogoutDeliveries deliveries;

    @Autowired
    JdbcClient jdbc;

    private OidcClient shared;

    @BeforeEach
    void emptyQueue() {
        shared = new OidcClient(ISSUER, SHARED, SHARED_SECRET, callbackUri());
        RP.failNextLogouts(0);
        jdbc.sql("update logout_delivery set given_up_at = now() where delivered_at is null").update();
        RP.takeLogoutTokens();
    }

    @Test
    void aSharedClientsLogoutEndsTheSessionAndTheSharedPartnersHearOfIt() throws Exception {
        try (Browser browser = new Browser()) {
            OidcClient independent = testRp();
            OidcClient.Attempt first = independent.start("openid", b -> { });
            browser.loginAs(browser.open(first.request().toURI()), KARI, SUBSTANTIAL);
            independent.finish(first, callback());
            SharedLogin login = loginAtShared(browser);

            browser.open(logoutUri(login.idToken(), RP.url() + "/logged-out", "s-42"));
            assertThat(RP.takeLoggedOut()).isEqualTo("state=s-42");
            assertThat(sessionsOf(login.sid())).isZero(); // gone from the store every instance reads
            HtmlPage again = browser.open(independent.start("openid", b -> { }).request().toURI());
            assertThat(again.getUrl().getPath()).isEqualTo("/login");

            deliveries.deliverDue();
            List<String> tokens = RP.takeLogoutTokens();
            assertThat(tokens).hasSize(1); // the shared partner; the independent one is not told
            JWTClaimsSet claims = verifiedLogoutToken(tokens.get(0));
            assertThat(claims.getAudience()).containsExactly(SHARED);
            assertThat(claims.getSubject()).isEqualTo(login.sub());
            assertThat(claims.getStringClaim("sid")).isEqualTo(login.sid());
            assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(EVENT);
            assertThat(claims.getClaim("nonce")).isNull();
            assertThat(claims.getJWTID()).isNotBlank();
        }
    }

    @Test
    void aFailedDeliveryIsRetriedUntilThePartnerTakesItAndGivenUpAfterTheLastAttempt() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(URI.create(ISSUER + "/login"));
            SharedLogin login = loginAtShared(browser);
            RP.failNextLogouts(2);
            browser.open(logoutUri(login.idToken(), null, null));

            deliveries.deliverDue();
            assertThat(RP.takeLogoutTokens()).isEmpty();
            assertThat(jdbc.sql("select attempts from logout_delivery where logout_token like ? and "
                    + "next_attempt_at > now()").param("%").query(Integer.class).list()).contains(1);
            dueNow();
            deliveries.deliverDue();
            dueNow();
            deliveries.deliverDue();
            assertThat(RP.takeLogoutTokens()).hasSize(1);
            assertThat(jdbc.sql("select count(*) from logout_delivery where delivered_at is not null and attempts = 3")
                    .query(Long.class).single()).isPositive();

            SharedLogin next = loginAtShared(browser);
            RP.failNextLogouts(1000);
            browser.open(logoutUri(next.idToken(), null, null));
            for (int i = 0; i < 8; i++) {
                dueNow();
                deliveries.deliverDue();
            }
            assertThat(jdbc.sql("select count(*) from logout_delivery where given_up_at is not null and attempts = 8")
                    .query(Long.class).single()).isPositive();
        }
    }

    @Test
    void anIndependentClientsLogoutRevokesOnlyItsOwnTokens() throws Exception {
        OidcClient independent = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = independent.start("openid offline_access", b -> { });
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, SUBSTANTIAL);
            TokenResponse response = independent.redeem(attempt, independent.code(attempt, callback()));
            String refreshToken = response.toSuccessResponse().getTokens().getRefreshToken().getValue();

            browser.open(logoutUri(OidcClient.idToken(response).serialize(), RP.url() + "/logged-out", "x"));
            assertThat(RP.takeLoggedOut()).isEqualTo("state=x");
            var refreshed = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "refresh_token",
                    "refresh_token", refreshToken), TEST_RP + ":" + TEST_RP_SECRET);
            assertThat(Http.json(refreshed).get("error").asString()).isEqualTo("invalid_grant");
            // The portal session is untouched: the next request is answered without a login.
            OidcClient.Attempt again = independent.start("openid", b -> { });
            browser.open(again.request().toURI());
            assertThat(independent.code(again, callback())).isNotNull();
            deliveries.deliverDue();
            assertThat(RP.takeLogoutTokens()).isEmpty();
        }
    }

    @Test
    void aBadHintOrAnUnregisteredRedirectGetsAnErrorPageNeverARedirect() throws Exception {
        try (Browser browser = new Browser()) {
            Page forged = browser.open(logoutUri("eyJhbGciOiJub25lIn0.e30.", RP.url() + "/logged-out", "x"));
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(((HtmlPage) forged).asNormalizedText()).contains("Utloggingen kunne ikke fullføres");

            browser.open(URI.create(ISSUER + "/login"));
            SharedLogin login = loginAtShared(browser);
            Page foreign = browser.open(logoutUri(login.idToken(), "https://attacker.example/", null));
            assertThat(foreign.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(foreign.getUrl().getHost()).isEqualTo("localhost");
            assertThat(RP.takeLoggedOut()).isNull();
            assertThat(sessionsOf(login.sid())).isOne(); // nothing was ended
        }
    }

    @Test
    void thePortalsOwnLogoutIsToldToTheSharedPartners() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(URI.create(ISSUER + "/login"));
            SharedLogin login = loginAtShared(browser);
            HtmlPage home = browser.open(URI.create(ISSUER + "/"));
            HtmlPage after = ((HtmlButton) home.getFirstByXPath("//form[contains(@action,'/logout')]//button")).click();
            assertThat(after.getUrl().getPath()).isEqualTo("/login");
            assertThat(after.asNormalizedText()).contains("Du er logget ut");
            deliveries.deliverDue();
            List<String> tokens = RP.takeLogoutTokens();
            assertThat(tokens).hasSize(1);
            assertThat(verifiedLogoutToken(tokens.get(0)).getStringClaim("sid")).isEqualTo(login.sid());
        }
    }

    /** A shared logout ends access: the session's refresh tokens and its access tokens, at every client. */
    @Test
    void aSharedLogoutEndsAccessNotOnlyTheSession() throws Exception {
        try (Browser browser = new Browser()) {
            Tokens tokens = loginAtIndependentWithRefresh(browser);
            SharedLogin login = loginAtShared(browser);
            browser.open(logoutUri(login.idToken(), RP.url() + "/logged-out", "s"));
            assertThat(RP.takeLoggedOut()).isEqualTo("state=s");
            tokens.assertEnded();
        }
    }

    @Test
    void thePortalsOwnLogoutEndsAccessToo() throws Exception {
        try (Browser browser = new Browser()) {
            Tokens tokens = loginAtIndependentWithRefresh(browser);
            HtmlPage home = browser.open(URI.create(ISSUER + "/"));
            ((HtmlButton) home.getFirstByXPath("//form[contains(@action,'/logout')]//button")).click();
            tokens.assertEnded();
        }
    }

    /**
     * RP-Initiated Logout §2: an ID token is no proof that whoever sends it is its citizen. A hint of a login that
     * is not this browser's ends nothing of that login: with nobody logged in here nothing ends at all; a citizen
     * logged in here is asked whether to log out of their own session.
     */
    @Test
    void aHintOfAnotherBrowsersLoginNeverEndsThatLogin() throws Exception {
        try (Browser kari = new Browser(); Browser other = new Browser()) {
            kari.open(URI.create(ISSUER + "/login"));
            SharedLogin login = loginAtShared(kari);

            other.open(logoutUri(login.idToken(), RP.url() + "/logged-out", "a"));
            assertThat(sessionsOf(login.sid())).isOne();

            other.loginAs(other.open(URI.create(ISSUER + "/login")), "28816196088", SUBSTANTIAL);
            HtmlPage asked = other.open(logoutUri(login.idToken(), RP.url() + "/logged-out", "b"));
            assertThat(asked.getUrl().getPath()).isEqualTo("/logout/confirm");
            assertThat(asked.asNormalizedText()).contains("Vil du logge ut?");
            assertThat(sessionsOf(login.sid())).isOne();
            ((HtmlButton) asked.getFirstByXPath("//form[contains(@action,'/logout/confirm')]//button")).click();
            assertThat(RP.takeLoggedOut()).isEqualTo("state=b");
            assertThat(sessionsOf(login.sid())).as("Kari's login").isOne();
            HtmlPage afterwards = other.open(URI.create(ISSUER + "/"));
            assertThat(afterwards.getUrl().getPath()).as("the other citizen's own login ended").isEqualTo("/login");

            OidcClient.Attempt still = shared.start("openid", b -> { });
            kari.open(still.request().toURI());
            assertThat(shared.code(still, callback())).as("Kari is still logged in").isNotNull();
        }
    }

    /** A login at the independent test client with a refresh token, and what should end with the session. */
    private Tokens loginAtIndependentWithRefresh(Browser browser) throws Exception {
        OidcClient independent = testRp();
        OidcClient.Attempt attempt = independent.start("openid offline_access", b -> { });
        browser.loginAs(browser.open(attempt.request().toURI()), KARI, SUBSTANTIAL);
        TokenResponse response = independent.redeem(attempt, independent.code(attempt, callback()));
        var tokens = response.toSuccessResponse().getTokens();
        Tokens held = new Tokens(tokens.getRefreshToken().getValue(), tokens.getAccessToken().getValue());
        assertThat(userinfo(held.access()).statusCode()).isEqualTo(200);
        assertThat(Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", held.access()), RESOURCE_SERVER)
                .body()).contains("\"active\":true");
        return held;
    }

    private record Tokens(String refresh, String access) {
        void assertEnded() {
            var refreshed = Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "refresh_token",
                    "refresh_token", refresh), TEST_RP + ":" + TEST_RP_SECRET);
            assertThat(Http.json(refreshed).get("error").asString()).isEqualTo("invalid_grant");
            assertThat(userinfo(access).statusCode()).isEqualTo(401);
            var introspected = Http.postForm(ISSUER + "/oauth2/introspect", Http.form("token", access),
                    RESOURCE_SERVER);
            assertThat(introspected.body()).contains("\"active\":false");
        }
    }

    private record SharedLogin(String idToken, String sid, String sub) {
    }

    /** Logs Kari in (when the browser is on the login page) and signs in at the shared client. */
    private SharedLogin loginAtShared(Browser browser) throws Exception {
        OidcClient.Attempt attempt = shared.start("openid", b -> { });
        Page page = browser.open(attempt.request().toURI());
        if (page instanceof HtmlPage html && html.getUrl().getPath().equals("/login")) {
            browser.loginAs(html, KARI, SUBSTANTIAL);
        }
        TokenResponse response = shared.redeem(attempt, shared.code(attempt, callback()));
        var claims = shared.validate(OidcClient.idToken(response), attempt);
        return new SharedLogin(OidcClient.idToken(response).serialize(), claims.getStringClaim("sid"),
                claims.getSubject().getValue());
    }

    private long sessionsOf(String sid) {
        return jdbc.sql("select count(*) from spring_session where principal_name = ?").param(sid)
                .query(Long.class).single();
    }

    private void dueNow() {
        jdbc.sql("update logout_delivery set next_attempt_at = now() where delivered_at is null and given_up_at is null")
                .update();
    }

    /** As a partner checks it: Portvakt's signature from the JWKS, typ logout+jwt, Portvakt as issuer. */
    private static JWTClaimsSet verifiedLogoutToken(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(ISSUER + "/oauth2/jwks")).build()));
        JWTClaimsSet claims = processor.process(token, null);
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        return claims;
    }

    private static URI logoutUri(String idToken, String redirect, String state) {
        return URI.create(ISSUER + "/connect/logout?id_token_hint=" + idToken
                + (redirect == null ? "" : "&post_logout_redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8))
                + (state == null ? "" : "&state=" + state));
    }
}
