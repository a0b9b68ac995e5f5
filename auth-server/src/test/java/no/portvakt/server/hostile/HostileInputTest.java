package no.portvakt.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.portvakt.server.support.Browser;
import no.portvakt.server.support.ConsoleAccounts;
import no.portvakt.server.support.FormSession;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.assertj.core.api.SoftAssertions;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every endpoint and every form, sent what an attacker sends: NUL, huge, odd unicode, wrong types, {@code null}
 * JSON, missing and duplicated fields, wrong methods and content types. Whatever comes in, the answer is a 4xx (or
 * a 2xx/3xx where the input happens to be acceptable), never a 5xx and never a word of an exception; an API's
 * answer is the RFC's JSON with {@code no-store}, a browser's a Portvakt page.
 */
class HostileInputTest extends PortvaktTestBase {

    @Autowired
    JdbcClient jdbc;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NUL = "a\u0000b";
    private static final List<String> VALUES = List.of(NUL, "x".repeat(100_000), "ÆØÅ \uD835\uDD18 \u202E\u0301",
            "\uD800", "%zz%", "[]", "{\"a\":1}", " ", "\r\nX-Injected: 1", "'; select pg_sleep(5);--", "-1",
            "99999999999999999999");
    private static final String[] OAUTH_PARAMETERS = {"grant_type", "code", "redirect_uri", "code_verifier",
        "refresh_token", "scope", "resource", "client_id", "client_secret", "client_assertion",
        "client_assertion_type", "subject_token", "subject_token_type", "actor_token", "audience",
        "requested_token_type", "response_type", "state", "nonce", "code_challenge", "code_challenge_method",
        "acr_values", "prompt", "max_age", "ui_locales", "request", "request_uri", "claims", "response_mode",
        "login_hint", "id_token_hint", "token", "token_type_hint", "post_logout_redirect_uri", "authorization_details",
        "dpop_jkt"};
    private static final String TEST_RP_BASIC = TEST_RP + ":" + TEST_RP_SECRET;

    @Test
    void everyOAuthParameterAtEveryOAuthEndpoint() {
        SoftAssertions softly = new SoftAssertions();
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/oauth2/token", TEST_RP_BASIC);
        endpoints.put("/oauth2/par", TEST_RP_BASIC);
        endpoints.put("/oauth2/introspect", RESOURCE_SERVER);
        endpoints.put("/oauth2/revoke", TEST_RP_BASIC);
        for (var endpoint : endpoints.entrySet()) {
            for (String parameter : OAUTH_PARAMETERS) {
                for (String value : VALUES) {
                    Map<String, String> form = Http.form("grant_type", "authorization_code", "response_type", "code",
                            "token", "x", "redirect_uri", callbackUri());
                    form.put(parameter, value);
                    api(softly, endpoint.getKey() + " " + parameter + "=" + shown(value),
                            Http.postForm(ISSUER + endpoint.getKey(), form, endpoint.getValue()));
                }
            }
            api(softly, endpoint.getKey() + " empty body", Http.postForm(ISSUER + endpoint.getKey(), Map.of(),
                    endpoint.getValue()));
            api(softly, endpoint.getKey() + " JSON body", withBasic(HttpRequest.newBuilder(URI.create(ISSUER
                    + endpoint.getKey())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("null")), endpoint.getValue()));
            api(softly, endpoint.getKey() + " no content type", withBasic(HttpRequest.newBuilder(URI.create(ISSUER
                    + endpoint.getKey())).POST(HttpRequest.BodyPublishers.ofString("grant_type=x")),
                    endpoint.getValue()));
            api(softly, endpoint.getKey() + " duplicated fields", Http.send(withBasicRequest(HttpRequest.newBuilder(
                    URI.create(ISSUER + endpoint.getKey())).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=a&token=b&grant_type=client_credentials"
                            + "&grant_type=refresh_token&response_type=code&response_type=token")),
                    endpoint.getValue())));
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                api(softly, method + " " + endpoint.getKey(), Http.send(HttpRequest.newBuilder(URI.create(ISSUER
                        + endpoint.getKey())).method(method, HttpRequest.BodyPublishers.noBody()).build()));
            }
        }
        softly.assertAll();
    }

    @Test
    void everyParameterOfTheBrowsersEndpoints() {
        SoftAssertions softly = new SoftAssertions();
        for (String path : List.of("/oauth2/authorize", "/connect/logout", "/login", "/consents", "/personvern",
                "/representation", "/consent", "/console", "/partner")) {
            for (String parameter : OAUTH_PARAMETERS) {
                for (String value : VALUES) {
                    if (value.length() > 10_000) {
                        continue; // a request line beyond the server's limit: its own test below
                    }
                    String query = "client_id=" + TEST_RP + "&response_type=code&scope=openid&redirect_uri="
                            + URLEncoder.encode(callbackUri(), StandardCharsets.UTF_8) + "&" + parameter + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    page(softly, path + "?" + parameter + "=" + shown(value), Http.send(HttpRequest.newBuilder(
                            URI.create(ISSUER + path + "?" + query)).header("Accept", "text/html").GET().build()));
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void whatTheServerItselfRefusesBeforePortvaktSeesItIsStillPortvaktsAnswer() {
        SoftAssertions softly = new SoftAssertions();
        api(softly, "a request line beyond the limit", Http.get(ISSUER + "/oauth2/authorize?state="
                + "x".repeat(100_000)));
        // Beyond the limit the headers are never read, so the answer cannot know a browser asked: JSON.
        api(softly, "a request line beyond the limit, from a browser", Http.send(HttpRequest.newBuilder(
                URI.create(ISSUER + "/oauth2/authorize?state=" + "x".repeat(100_000))).header("Accept", "text/html")
                .GET().build()));
        page(softly, "a body beyond the limit, from a browser", Http.send(HttpRequest.newBuilder(URI.create(ISSUER
                + "/login/testid")).header("Accept", "text/html").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("pid="
                + "1".repeat(200_000))).build()));
        api(softly, "an encoded slash", Http.get(ISSUER + "/admin/api/partners/a%2Fb"));
        api(softly, "an encoded NUL in the path", Http.get(ISSUER + "/admin/api/partners/a%00b"));
        api(softly, "a header beyond the limit", Http.get(ISSUER + "/oauth2/jwks", "X-Big", "y".repeat(20_000)));
        softly.assertAll();
    }

    @Test
    void clientAuthenticationOfEveryKind() {
        SoftAssertions softly = new SoftAssertions();
        for (String value : VALUES) {
            if (value.contains("\r")) {
                continue; // not a header value
            }
            String basic = Base64.getEncoder().encodeToString((value + ":" + value).getBytes(StandardCharsets.UTF_8));
            for (String path : List.of("/oauth2/token", "/oauth2/par", "/oauth2/introspect", "/oauth2/revoke",
                    "/userinfo", "/admin/api/partners", "/register")) {
                api(softly, path + " Basic " + shown(value), Http.send(HttpRequest.newBuilder(URI.create(ISSUER
                        + path)).header("Authorization", "Basic " + basic).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&token=x")).build()));
            }
        }
        for (String header : List.of("Basic", "Basic !!!", "Basic " + Base64.getEncoder().encodeToString(
                "no-colon".getBytes(StandardCharsets.UTF_8)), "Bearer", "Bearer " + "x".repeat(5_000), "DPoP x",
                "Negotiate abc")) {
            for (String path : List.of("/oauth2/token", "/oauth2/introspect", "/userinfo", "/admin/api/partners",
                    "/pvk/api/PersonvernInnstillinger/SjekkInnbyggersPiStatus/v2", "/register")) {
                api(softly, path + " Authorization: " + shown(header), Http.send(HttpRequest.newBuilder(
                        URI.create(ISSUER + path)).header("Authorization", header).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials")).build()));
            }
        }
        softly.assertAll();
    }

    @Test
    void everyAdminApiCallWithEveryKindOfBody() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        SoftAssertions softly = new SoftAssertions();
        for (String value : VALUES) {
            String v = URLEncoder.encode(value.length() > 10_000 ? value.substring(0, 5_000) : value,
                    StandardCharsets.UTF_8);
            for (String path : List.of("/partners?q=" + v, "/partners/" + v, "/changes?entity=" + v + "&id=" + v,
                    "/token-audit?pid=" + v, "/token-audit/lookups?pid=" + v, "/pvk/settings?pid=" + v,
                    "/pvk/subscriptions/" + v + "/messages?state=" + v + "&limit=" + v, "/apis?resource=" + v,
                    "/clients/pending?x=" + v, "/pvk/backlog?x=" + v, "/signing-keys?x=" + v)) {
                api(softly, "GET " + path, Http.get(ISSUER + "/admin/api" + path, "Authorization", "Bearer " + admin));
            }
            api(softly, "DELETE apis " + shown(value), Http.delete(ISSUER + "/admin/api/apis?resource=" + v, admin));
            api(softly, "DELETE client " + shown(value), Http.delete(ISSUER + "/admin/api/clients/" + v, admin));
        }
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("POST /partners", """
                {"id": "hostile-probe", "name": "Probe", "organisation_number": "974760673",
                 "contact": {"name": "Ada", "email": "ada@probe.example"}, "agreement_signed_on": "2026-01-01"}""");
        calls.put("PUT /partners/hostile-probe", """
                {"name": "Probe", "organisation_number": "974760673",
                 "contact": {"name": "Ada", "email": "ada@probe.example"}, "agreement_signed_on": "2026-01-01"}""");
        calls.put("POST /partners/hostile-probe/clients", """
                {"client_id": "hostile-probe-client", "client_name": "Probe", "auth_method": "client_secret_basic",
                 "grant_types": ["client_credentials"]}""");
        calls.put("PUT /clients/hostile-probe-client", """
                {"client_name": "Probe", "auth_method": "client_secret_basic", "grant_types": ["client_credentials"]}""");
        calls.put("POST /partners/hostile-probe/apis", """
                {"resource": "https://api.probe.example/x", "name": "Probe API", "token_ttl": "PT5M",
                 "scopes": [{"name": "probe.read", "description": "Probe"}], "clients": []}""");
        calls.put("POST /partners/hostile-probe/suspension", "{\"reason\": \"probe\"}");
        calls.put("POST /partners/hostile-probe/initial-access-tokens", "{\"expires_in\": 60}");
        calls.put("POST /clients/hostile-unknown/approval", "{}");
        calls.put("POST /administrators", "{\"username\": \"hostile-probe\", \"role\": \"auditor\"}");
        calls.put("POST /citizens/import", "{\"citizens\": [{\"pid\": \"" + KARI + "\", \"given_name\": \"Kari\"}]}");
        calls.put("PUT /pvk/definitions/0b0e3b7e-0000-4000-8000-00000000dead", """
                {"part_kode": "hostile-probe", "type_pi": "samtykke", "name": {"nb": "P", "nn": "P", "en": "P"},
                 "text": {"nb": "P", "nn": "P", "en": "P"}, "default_active": false}""");
        calls.put("PUT /pvk/subscriptions/hostile-probe", """
                {"partner_id": "hostile-probe", "resource": "https://api.probe.example/x", "scope": "probe.read",
                 "delivery_url": "https://probe.example/pvk", "definitions": []}""");
        calls.put("POST /pvk/settings", "{\"innbyggerFnr\": \"" + KARI + "\", \"definisjonGuid\": "
                + "\"0b0e3b7e-0000-4000-8000-00000000beef\", \"aktiv\": true}");
        calls.put("POST /pvk/messages/hostile/redelivery", "{}");
        calls.put("POST /pvk/subscriptions/hostile-unknown/redelivery", "{}");
        calls.put("POST /signing-keys/rotation?x=1", "null");
        for (var call : calls.entrySet()) {
            String method = call.getKey().substring(0, call.getKey().indexOf(' '));
            String url = ISSUER + "/admin/api" + call.getKey().substring(method.length() + 1);
            if (call.getKey().contains("rotation")) {
                api(softly, call.getKey() + " wrong type", json(method, url, admin, "text/plain", "x"));
                continue;
            }
            for (String body : mutations(call.getValue())) {
                api(softly, call.getKey() + " " + shown(body), json(method, url, admin, "application/json", body));
            }
            api(softly, call.getKey() + " as a form", json(method, url, admin, "application/x-www-form-urlencoded",
                    "a=b"));
            api(softly, call.getKey() + " as XML", json(method, url, admin, "application/xml", "<a/>"));
        }
        softly.assertAll();
    }

    /** PVK's partner API, called by another partner's system with a valid token and every kind of body. */
    @Test
    void pvksPartnerApiWithEveryKindOfBody() {
        String token = Http.json(Http.postForm(ISSUER + "/oauth2/token", Http.form("grant_type", "client_credentials",
                "scope", "pvk.read", "resource", ISSUER + "/pvk/api"),
                "other-system:other-system-secret-0123456789-0123456789-0123456")).get("access_token").asString();
        SoftAssertions softly = new SoftAssertions();
        for (String operation : List.of("SjekkInnbyggersPiStatus", "HentInnbyggersPiForPart",
                "HentInnbyggereAktivePiForDefinisjon", "SettInnbyggersPersonvernInnstilling")) {
            String url = ISSUER + "/pvk/api/PersonvernInnstillinger/" + operation + "/v2";
            for (String body : mutations("""
                    {"innbyggerFnr": "%s", "definisjonGuid": "0b0e3b7e-0000-4000-8000-00000000beef",
                     "partKode": "other-partner", "aktiv": true, "pagingReference": 0}""".formatted(KARI))) {
                api(softly, operation + " " + shown(body), json("POST", url, token, "application/json", body));
            }
        }
        softly.assertAll();
    }

    @Test
    void dynamicRegistrationWithEveryKindOfBody() {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        SoftAssertions softly = new SoftAssertions();
        for (String body : mutations("""
                {"client_name": "Probe", "redirect_uris": ["https://probe.example/cb"], "grant_types":
                 ["authorization_code"], "scope": "openid", "token_endpoint_auth_method": "client_secret_basic",
                 "jwks": {"keys": []}, "contacts": ["a@probe.example"]}""")) {
            String token = Http.json(Http.postJson(ISSUER + "/admin/api/partners/suspendable/initial-access-tokens",
                    admin, "{\"expires_in\": 60}")).get("initial_access_token").asString();
            api(softly, "register " + shown(body), Http.postJson(ISSUER + "/register", token, body));
        }
        softly.assertAll();
    }

    @Test
    void everyForm() {
        SoftAssertions softly = new SoftAssertions();
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/login/testid", Http.form("pid", KARI, "acr", "idporten-loa-substantial"));
        forms.put("/console/login", Http.form("username", "ada", "password", "p", "code", "123456"));
        forms.put("/partner/login/client", Http.form("client_id", TEST_RP, "client_secret", "x"));
        Map<String, String> pages = Map.of("/login/testid", "/login", "/console/login", "/console/login",
                "/partner/login/client", "/partner/login");
        for (var form : forms.entrySet()) {
            List<Map<String, String>> variants = new java.util.ArrayList<>();
            for (String field : form.getValue().keySet()) {
                Map<String, String> without = new LinkedHashMap<>(form.getValue());
                without.remove(field);
                variants.add(without);
                for (String value : VALUES) {
                    Map<String, String> changed = new LinkedHashMap<>(form.getValue());
                    changed.put(field, value);
                    variants.add(changed);
                }
            }
            for (Map<String, String> variant : variants) {
                FormSession session = new FormSession();
                String csrf = session.csrf(ISSUER + pages.get(form.getKey()));
                page(softly, "POST " + form.getKey() + " " + shown(variant.toString()),
                        session.post(ISSUER + form.getKey(), csrf, variant));
            }
        }
        softly.assertAll();
    }

    /** The forms a logged-in citizen sends, with every field missing or hostile. */
    @Test
    void everyFormOfALoggedInCitizen() {
        FormSession citizen = new FormSession();
        String csrf = citizen.loginAs(ISSUER, KARI);
        // Names nothing stored, so that nothing of another test's changes: a definition and a client that do not exist.
        String definition = "0b0e3b7e-0000-4000-8000-00000000beef";
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        forms.put("/representation", Http.form("pid", KARI));
        forms.put("/consent", Http.form("scope", "records.read", "decision", "approve"));
        forms.put("/consents/withdraw", Http.form("client_id", "hostile-unknown", "represented", KARI));
        forms.put("/personvern/" + definition, Http.form("aktiv", "true"));
        forms.put("/logout/confirm?x=1", Http.form("x", "y"));
        SoftAssertions softly = new SoftAssertions();
        for (String value : VALUES) {
            if (value.length() < 10_000) {
                String path = "/personvern/" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                page(softly, "POST " + path, citizen.post(ISSUER + path, csrf, Http.form("aktiv", "true")));
            }
        }
        // The confirmation of a logout comes last: it ends the session the other forms need.
        for (var form : forms.entrySet()) {
            for (String field : form.getValue().keySet()) {
                Map<String, String> without = new LinkedHashMap<>(form.getValue());
                without.remove(field);
                page(softly, "POST " + form.getKey() + " without " + field,
                        citizen.post(ISSUER + form.getKey(), csrf, without));
                for (String value : VALUES) {
                    if (form.getKey().startsWith("/logout")) {
                        continue; // its fields are ignored, and the session has ended
                    }
                    Map<String, String> changed = new LinkedHashMap<>(form.getValue());
                    changed.put(field, value);
                    page(softly, "POST " + form.getKey() + " " + field + "=" + shown(value),
                            citizen.post(ISSUER + form.getKey(), csrf, changed));
                }
            }
        }
        softly.assertAll();
    }

    /**
     * Every form the console shows about a partner of the test's own (found on the pages, not listed here, so a new
     * form is swept too), each field in turn missing or hostile.
     */
    @Test
    void everyFormOfTheConsole() throws Exception {
        String admin = adminToken(TEST_ADMIN, "portvakt.admin");
        Http.postJson(ISSUER + "/admin/api/partners", admin, """
                {"id": "hostile-console", "name": "Probe", "organisation_number": "974760673",
                 "contact": {"name": "Ada", "email": "ada@probe.example"}, "agreement_signed_on": "2026-01-01"}""");
        Http.postJson(ISSUER + "/admin/api/partners/hostile-console/clients", admin, """
                {"client_id": "hostile-console-web", "auth_method": "client_secret_basic",
                 "grant_types": ["client_credentials"]}""");
        ConsoleAccounts.Account operator = ConsoleAccounts.account(ISSUER, admin, jdbc, "hostile-operator", "admin");
        SoftAssertions softly = new SoftAssertions();
        java.util.Set<String> swept = new java.util.TreeSet<>();
        try (Browser browser = new Browser().withoutJavaScript()) {
            ConsoleAccounts.login(browser, ISSUER, operator, operator.code());
            for (String path : List.of("/console/partners/hostile-console", "/console/partners/hostile-console/edit",
                    "/console/partners/hostile-console/clients/new", "/console/partners/hostile-console/apis/new",
                    "/console/clients/hostile-console-web/edit", "/console/partners/new",
                    "/console/pvk/definitions/new", "/console/pvk/subscriptions/new")) {
                HtmlPage page = browser.open(URI.create(ISSUER + path));
                for (HtmlForm form : page.getForms()) {
                    String action = form.getActionAttribute();
                    if (!"post".equalsIgnoreCase(form.getMethodAttribute()) || action.contains("logout")
                            || action.contains("rotation") || action.contains("passkey")) {
                        continue; // ending the session, or the signing keys, is not this test's business
                    }
                    sweep(softly, browser, page.getFullyQualifiedUrl(action), fieldsOf(form));
                    swept.add(action);
                }
            }
        }
        softly.assertAll();
        assertThat(swept).as("the console's forms were reached, not its login page").hasSizeGreaterThan(6)
                .noneMatch(action -> action.contains("/console/login"));
    }

    private void sweep(SoftAssertions softly, Browser browser, java.net.URL action, List<NameValuePair> fields)
            throws java.io.IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals("_csrf")) {
                continue;
            }
            List<NameValuePair> without = new java.util.ArrayList<>(fields);
            without.remove(i);
            posted(softly, browser, action, without, fields.get(i).getName() + " missing");
            for (String value : VALUES) {
                List<NameValuePair> changed = new java.util.ArrayList<>(fields);
                changed.set(i, new NameValuePair(fields.get(i).getName(), value));
                posted(softly, browser, action, changed, fields.get(i).getName() + "=" + shown(value));
            }
        }
    }

    private static void posted(SoftAssertions softly, Browser browser, java.net.URL action,
                               List<NameValuePair> fields, String what) throws java.io.IOException {
        WebRequest request = new WebRequest(action, org.htmlunit.HttpMethod.POST);
        request.setRequestParameters(fields);
        request.setAdditionalHeader("Accept", "text/html");
        WebResponse response = browser.client().loadWebResponse(request);
        String label = "POST " + action.getPath() + " " + what;
        softly.assertThat(response.getStatusCode()).as(label + ": " + shown(response.getContentAsString()))
                .isLessThan(500);
        softly.assertThat(response.getContentAsString()).as(label + ": names no exception")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("PSQL")
                .doesNotContain("HTTP Status ").doesNotContain("Whitelabel");
    }

    /** A form's fields as a browser would send them: inputs (checked boxes only), selects, text areas. */
    private static List<NameValuePair> fieldsOf(HtmlForm form) {
        List<NameValuePair> fields = new java.util.ArrayList<>();
        for (HtmlElement element : form.getHtmlElementDescendants()) {
            String name = element.getAttribute("name");
            if (name.isEmpty()) {
                continue;
            }
            if (element instanceof HtmlCheckBoxInput || element instanceof HtmlRadioButtonInput) {
                if (((HtmlInput) element).isChecked()) {
                    fields.add(new NameValuePair(name, ((HtmlInput) element).getValue()));
                }
            } else if (element instanceof HtmlInput input && !"submit".equals(input.getTypeAttribute())) {
                fields.add(new NameValuePair(name, input.getValue()));
            } else if (element instanceof HtmlSelect select) {
                fields.add(new NameValuePair(name, select.getSelectedOptions().isEmpty()
                        ? select.getOption(0).getValueAttribute() : select.getSelectedOptions().get(0).getValueAttribute()));
            } else if (element instanceof HtmlTextArea area) {
                fields.add(new NameValuePair(name, area.getText()));
            }
        }
        return fields;
    }

    @Test
    void theErrorPathOpenedDirectly() {
        SoftAssertions softly = new SoftAssertions();
        api(softly, "GET /error", Http.get(ISSUER + "/error"));
        page(softly, "GET /error from a browser", Http.send(HttpRequest.newBuilder(URI.create(ISSUER + "/error"))
                .header("Accept", "text/html").GET().build()));
        api(softly, "POST /error", Http.postForm(ISSUER + "/error", Map.of("a", "b")));
        softly.assertAll();
    }

    /** The body, then each top-level field removed, set to NUL, to a number, an object, an array and null. */
    private static List<String> mutations(String body) {
        List<String> bodies = new java.util.ArrayList<>(List.of(body, "null", "[]", "\"text\"", "5", "{", "",
                "{}", body.replaceFirst("\\{", "{\"x\": 1, \"x\": 2, ")));
        ObjectNode original = (ObjectNode) JSON.readTree(body);
        for (String field : original.propertyNames()) {
            for (JsonNode value : List.<JsonNode>of(JSON.getNodeFactory().stringNode(NUL),
                    JSON.getNodeFactory().stringNode("x".repeat(100_000)), JSON.getNodeFactory().numberNode(7),
                    JSON.getNodeFactory().objectNode(), JSON.getNodeFactory().arrayNode().add(NUL),
                    JSON.getNodeFactory().nullNode())) {
                ObjectNode changed = original.deepCopy();
                changed.set(field, value);
                bodies.add(changed.toString());
            }
            ObjectNode without = original.deepCopy();
            without.remove(field);
            bodies.add(without.toString());
        }
        return bodies;
    }

    private static HttpResponse<String> json(String method, String url, String token, String type, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> withBasic(HttpRequest.Builder request, String basic) {
        return Http.send(withBasicRequest(request, basic));
    }

    private static HttpRequest withBasicRequest(HttpRequest.Builder request, String basic) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(
                StandardCharsets.UTF_8))).build();
    }

    /** An answer to a system: never a 5xx or an exception; an error is JSON with no-store. */
    private static void api(SoftAssertions softly, String what, HttpResponse<String> response) {
        sane(softly, what, response);
        if (response.statusCode() >= 400) {
            softly.assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what + ": content type")
                    .startsWith("application/json");
            softly.assertThat(response.headers().firstValue("Cache-Control").orElse("")).as(what + ": cache")
                    .contains("no-store");
        }
    }

    /** An answer to a browser: never a 5xx or an exception; an error is Portvakt's page, not the server's. */
    private static void page(SoftAssertions softly, String what, HttpResponse<String> response) {
        sane(softly, what, response);
        if (response.statusCode() >= 400) {
            softly.assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what + ": content type")
                    .startsWith("text/html");
            softly.assertThat(response.body()).as(what + ": Portvakt's page").contains("lang=");
        }
    }

    private static void sane(SoftAssertions softly, String what, HttpResponse<String> response) {
        softly.assertThat(response.statusCode()).as(what + ": " + shown(response.body())).isLessThan(500);
        softly.assertThat(response.body()).as(what + ": names no exception").doesNotContain("Exception")
                .doesNotContain("\tat ").doesNotContain("PSQL").doesNotContain("SQL state")
                .doesNotContain("Apache Tomcat").doesNotContain("HTTP Status ").doesNotContain("Whitelabel");
        softly.assertThat(response.headers().firstValue("X-Injected")).as(what + ": no header injection").isEmpty();
    }

    private static String shown(String value) {
        String printable = value.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
        return printable.length() > 80 ? printable.substring(0, 80) + "...(" + value.length() + ")" : printable;
    }
}
