package no.portvakt.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Refresh tokens: only with offline_access, rotated on every use, and a reused one revokes the grant. */
class RefreshTokenTest extends PortvaktTestBase {

    private OidcClient client;

    @BeforeEach
    void discover() {
        client = testRp();
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheWholeGrant() {
        String first = loginWithOfflineAccess().getRefreshToken().getValue();

        JsonNode rotated = Http.json(refresh(first));
        String second = rotated.get("refresh_token").asString();
        assertThat(second).isNotEqualTo(first);
        String accessToken = rotated.get("access_token").asString();
        assertThat(userinfo(accessToken).statusCode()).isEqualTo(200);

        HttpResponse<String> reuse = refresh(first);
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(Http.json(reuse).get("error").asString()).isEqualTo("invalid_grant");
        // The grant is gone: the newest refresh token and the access token with it no longer work.
        assertThat(Http.json(refresh(second)).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(userinfo(accessToken).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownRefreshTokenIsInvalidGrant() {
        HttpResponse<String> response = refresh("no-such-refresh-token");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asString()).isEqualTo("invalid_grant");
    }

    private com.nimbusds.oauth2.sdk.token.Tokens loginWithOfflineAccess() {
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid offline_access", b -> { });
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            var code = client.code(attempt, callback());
            var tokens = client.redeem(attempt, code).toSuccessResponse().getTokens();
            assertThat(tokens.getRefreshToken()).isNotNull();
            return tokens;
        }
    }

    private static HttpResponse<String> refresh(String refreshToken) {
        return Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "refresh_token",
                "refresh_token", refreshToken), TEST_RP + ":" + TEST_RP_SECRET);
    }
}
