package no.portvakt.server.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.OidcClient;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;

/**
 * What a strict conformance suite checks at the authorization endpoint: {@code prompt=none} never shows a page
 * whatever way the request came, parameters come back exactly as sent, and unknown {@code acr_values} are a
 * preference, not an error.
 */
class ProtocolLetterTest extends PortvaktTestBase {

    private static final String PAR_CLIENT = "test-rp-par";
    private static final String PAR_SECRET = "test-rp-par-secret-0123456789-0123456789-012345";
    /** Characters a careless encoder gets wrong: a space, a plus, an ampersand, a percent, an equals sign. */
    private static final State AWKWARD = new State("a +b&c=d%e/f?g");

    /** OIDC Core §3.1.2.1: with prompt=none and no login, no page at all; login_required goes to the client. */
    @Test
    void promptNoneWithoutASessionNeverShowsAPageHoweverTheRequestCame() throws Exception {
        OidcClient client = testRp();
        var none = Prompt.parse("none");

        OidcClient.Attempt formPost = client.start("openid", b -> b.prompt(none).state(AWKWARD)
                .responseMode(ResponseMode.FORM_POST));
        HttpResponse<String> posted = Http.get(formPost.request().toURI().toString());
        assertThat(posted.statusCode()).as("the form that posts the error to the client").isEqualTo(200);
        Map<String, String> fields = hiddenFields(posted.body());
        assertThat(action(posted.body())).isEqualTo(callbackUri());
        assertThat(fields).containsEntry("error", "login_required").containsEntry("state", AWKWARD.getValue())
                .containsEntry("iss", ISSUER).doesNotContainKey("_csrf");

        OidcClient parClient = new OidcClient(ISSUER, PAR_CLIENT, PAR_SECRET, callbackUri());
        OidcClient.Attempt pushed = parClient.start("openid", b -> b.prompt(none).state(AWKWARD));
        String requestUri = push(pushed);
        HttpResponse<String> redirect = Http.get(authorizeWith(requestUri));
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(callbackUri());
        AuthenticationErrorResponse error = errorAt(location);
        assertThat(error.getErrorObject().getCode()).isEqualTo("login_required");
        assertThat(error.getState()).isEqualTo(AWKWARD);

        OidcClient.Attempt pushedFormPost = parClient.start("openid", b -> b.prompt(none)
                .responseMode(ResponseMode.FORM_POST));
        HttpResponse<String> pushedPosted = Http.get(authorizeWith(push(pushedFormPost)));
        assertThat(pushedPosted.statusCode()).isEqualTo(200);
        assertThat(hiddenFields(pushedPosted.body())).containsEntry("error", "login_required");
    }

    /** RFC 6749 §4.1.2 and Appendix B: state comes back form-urlencoded, exactly as the client sent it. */
    @Test
    void stateComesBackExactlyAsSent() throws Exception {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> b.state(AWKWARD));
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            URI callback = callback();
            assertThat(callback.getRawQuery()).contains("state=" + URLEncoder.encode(AWKWARD.getValue(),
                    StandardCharsets.UTF_8));
            assertThat(AuthenticationResponseParser.parse(callback).getState()).isEqualTo(AWKWARD);
        }
        OidcClient.Attempt refused = client.start("openid", b -> b.state(AWKWARD).customParameter("max_age", "x"));
        String location = Http.get(refused.request().toURI().toString()).headers().firstValue("Location")
                .orElseThrow();
        assertThat(errorAt(location).getState()).isEqualTo(AWKWARD);
    }

    /** After a login that a form_post request waited for, the browser is sent back to the request, not elsewhere. */
    @Test
    void aFormPostRequestThatWaitedForALoginIsAnsweredByFormPost() {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> b.responseMode(ResponseMode.FORM_POST));
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-substantial");
            var callback = RP.takeCallback();
            assertThat(callback).isNotNull();
            assertThat(callback.method()).isEqualTo("POST");
            assertThat(callback.parameters()).doesNotContain("_csrf");
        }
    }

    /** OIDC Core §3.1.2.1, §5.5.1.1: acr_values is a voluntary request; unknown values are ignored. */
    @Test
    void unknownAcrValuesAreIgnoredAndTheIdTokenSaysTheLevelUsed() {
        OidcClient client = testRp();
        try (Browser browser = new Browser()) {
            OidcClient.Attempt attempt = client.start("openid", b -> b.acrValues(List.of(new ACR("urn:unknown:level"),
                    new ACR("idporten-loa-high"))));
            browser.loginAs(browser.open(attempt.request().toURI()), KARI, "idporten-loa-high");
            assertThat(client.finish(attempt, callback()).getACR().getValue()).isEqualTo("idporten-loa-high");

            OidcClient.Attempt onlyUnknown = client.start("openid", b -> b.acrValues(List.of(
                    new ACR("urn:unknown:level"))));
            browser.open(onlyUnknown.request().toURI()); // the session's login serves: no error, a code
            assertThat(client.finish(onlyUnknown, callback()).getACR().getValue()).isEqualTo("idporten-loa-high");
        }
    }

    private static String push(OidcClient.Attempt attempt) {
        Map<String, String> form = new LinkedHashMap<>();
        attempt.request().toParameters().forEach((k, v) -> form.put(k, v.get(0)));
        form.put("client_id", PAR_CLIENT);
        form.put("client_secret", PAR_SECRET);
        HttpResponse<String> pushed = Http.postForm(ISSUER + "/oauth2/par", form);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        return Http.json(pushed).get("request_uri").asString();
    }

    private static String authorizeWith(String requestUri) {
        return ISSUER + "/oauth2/authorize?client_id=" + PAR_CLIENT + "&request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
    }

    private static AuthenticationErrorResponse errorAt(String location) {
        try {
            var response = AuthenticationResponseParser.parse(URI.create(location));
            assertThat(response.indicatesSuccess()).as(location).isFalse();
            return response.toErrorResponse();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(location, e);
        }
    }

    private static String action(String html) {
        Matcher matcher = Pattern.compile("<form[^>]*action=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as(html).isTrue();
        return unescape(matcher.group(1));
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"").matcher(html);
        while (matcher.find()) {
            fields.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#43;", "+").replace("&#37;", "%").replace("&#61;", "=")
                .replace("&#47;", "/").replace("&#63;", "?");
    }
}
