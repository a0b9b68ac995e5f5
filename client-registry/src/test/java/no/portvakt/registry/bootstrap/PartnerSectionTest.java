package no.portvakt.registry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import no.portvakt.registry.AuthMethod;
import no.portvakt.registry.Client;
import no.portvakt.registry.SecretHash;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** The bootstrap file's partner section: every bad field is named, with its file and entry. */
class PartnerSectionTest {

    private static final String GOOD_CLIENT = """
            partners:
              - id: acme
                name: Acme Helse AS
                clients:
                  - client_id: acme-web
                    auth_method: client_secret_basic
                    secret: ${SECRET}
                    redirect_uris: [https://acme.example/callback]
                    grant_types: [authorization_code]
                    scopes: [openid]
                    access_token_ttl: 10m
            """;

    @Test
    void aGoodFileYieldsClientsWithHashedSecretsAndTheirSettings() {
        Client client = parse(GOOD_CLIENT, "0123456789abcdef0123456789abcdef").clients().get(0);
        assertThat(client.clientId()).isEqualTo("acme-web");
        assertThat(client.authMethod()).isEqualTo(AuthMethod.CLIENT_SECRET_BASIC);
        assertThat(client.secretSha256()).isEqualTo(SecretHash.sha256Hex("0123456789abcdef0123456789abcdef"));
        assertThat(client.accessTokenTtl()).hasMinutes(10);
        assertThat(client.refreshTokenTtl()).hasHours(8);
        assertThat(client.requirePar()).isFalse();
    }

    @Test
    void aShortSecretIsRefusedNamingFileEntryAndField() {
        assertThatThrownBy(() -> parse(GOOD_CLIENT, "short"))
                .isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("test-bootstrap.yml: partners[0].clients[0]: field 'secret'");
    }

    @Test
    void everyBadFieldIsNamed() {
        assertRefused("redirect_uris: [https://acme.example/callback]",
                "redirect_uris: [http://acme.example/callback]", "field 'redirect_uris'", "https");
        assertRefused("redirect_uris: [https://acme.example/callback]",
                "redirect_uris: [https://acme.example/callback#frag]", "field 'redirect_uris'", "fragment");
        assertRefused("grant_types: [authorization_code]", "grant_types: [implicit]", "field 'grant_types'",
                "implicit");
        assertRefused("auth_method: client_secret_basic", "auth_method: magic", "field 'auth_method'", "magic");
        assertRefused("access_token_ttl: 10m", "access_token_ttl: ten", "field 'access_token_ttl'", "ten");
        assertRefused("scopes: [openid]", "scopes: [openid]\n        colour: blue", "field 'colour'", "unknown");
        assertRefused("client_id: acme-web", "client_id: a", "field 'client_id'", "3 to 100");
    }

    @Test
    void partnerServicesAndLogoutAreRegisteredWholeOrNotAtAll() {
        String service = "scopes: [openid]\n        initiate_login_uri: https://acme.example/login"
                + "\n        target_link_uri: https://acme.example/start\n        logout: shared"
                + "\n        backchannel_logout_uri: https://acme.example/backchannel";
        Client client = parse(GOOD_CLIENT.replace("scopes: [openid]", service), "0123456789abcdef0123456789abcdef")
                .clients().get(0);
        assertThat(client.service().initiateLoginUri()).isEqualTo("https://acme.example/login");
        assertThat(client.service().targetLinkUri()).isEqualTo("https://acme.example/start");
        assertThat(client.logout().shared()).isTrue();
        assertThat(client.logout().backchannelLogoutUri()).isEqualTo("https://acme.example/backchannel");
        assertThat(parse(GOOD_CLIENT, "0123456789abcdef0123456789abcdef").clients().get(0).logout())
                .isEqualTo(Client.Logout.INDEPENDENT);

        assertRefused("scopes: [openid]", "scopes: [openid]\n        initiate_login_uri: https://acme.example/login",
                "field 'initiate_login_uri'", "target_link_uri");
        assertRefused("scopes: [openid]", "scopes: [openid]\n        logout: sometimes", "field 'logout'",
                "sometimes");
        assertRefused("scopes: [openid]", "scopes: [openid]\n        backchannel_logout_uri: https://acme.example/b",
                "field 'backchannel_logout_uri'", "shared");
        assertRefused("scopes: [openid]", "scopes: [openid]\n        logout: shared"
                + "\n        backchannel_logout_uri: http://acme.example/b", "field 'backchannel_logout_uri'", "https");
    }

    @Test
    void aScopeThatNeedsConsentNeedsItsTextsInAllThreeLanguages() {
        String api = GOOD_CLIENT + """
                    apis:
                      - resource: https://portal.example/api
                        name: Portal API
                        scopes:
                          - name: portal:appointments.read
                            description: Read appointments
                            requires: login
                            consent: true
                            texts:
                              nb: {title: Se timeavtalene dine, description: Tjenesten kan lese timeavtalene.,
                                   title_for_other: "Se timeavtalene til {name}",
                                   description_for_other: "Tjenesten kan lese timeavtalene til {name}."}
                              nn: {title: Sjå timeavtalane dine, description: Tenesta kan lese timeavtalane.,
                                   title_for_other: "Sjå timeavtalane til {name}",
                                   description_for_other: "Tenesta kan lese timeavtalane til {name}."}
                              en: {title: See your appointments, description: The service can read them.,
                                   title_for_other: "See the appointments of {name}",
                                   description_for_other: "The service can read the appointments of {name}."}
                """;
        var scope = parse(api, "0123456789abcdef0123456789abcdef").apis().get(0).scopes()
                .get("portal:appointments.read");
        assertThat(scope.consent()).isTrue();
        assertThat(scope.text("nn").title()).isEqualTo("Sjå timeavtalane dine");
        assertThat(scope.text("de").title()).isEqualTo("Se timeavtalene dine"); // bokmål when asked for another
        // Acting for another, the texts speak of the person represented.
        assertThat(scope.text("nb").about("Emil Nordmann").title()).isEqualTo("Se timeavtalene til Emil Nordmann");
        assertThat(scope.text("en").about("Emil Nordmann").description())
                .isEqualTo("The service can read the appointments of Emil Nordmann.");
        assertThat(scope.text("nb").about(null).title()).isEqualTo("Se timeavtalene dine");

        String noTextForOther = api.replace("title_for_other: \"Sjå", "title_for_otherx: \"Sjå");
        assertThatThrownBy(() -> parse(noTextForOther, "0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("title_for_other");
        String nobodyNamed = api.replace("lese timeavtalane til {name}", "lese timeavtalane");
        assertThatThrownBy(() -> parse(nobodyNamed, "0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("description_for_other").hasMessageContaining("{name}");
        String noNynorsk = api.replaceAll("(?s) *nn: \\{.*?\\.\"}\n", "");
        assertThatThrownBy(() -> parse(noNynorsk, "0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("texts.nn");
        String noTexts = api.substring(0, api.indexOf("texts:"));
        assertThatThrownBy(() -> parse(noTexts, "0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("field 'texts'").hasMessageContaining("consent");
    }

    @Test
    void loopbackRedirectUrisMayUseHttp() {
        String loopback = GOOD_CLIENT.replace("https://acme.example/callback", "http://localhost:8081/cb");
        assertThat(parse(loopback, "0123456789abcdef0123456789abcdef").clients().get(0).redirectUris())
                .containsExactly("http://localhost:8081/cb");
    }

    @Test
    void aPublicClientPushesUnlessRegisteredOtherwise() {
        String pub = GOOD_CLIENT.replace("auth_method: client_secret_basic", "auth_method: none");
        assertThat(parse(pub.replace("secret: ${SECRET}", "client_name: Acme app"), "").clients().get(0)
                .requirePar()).isTrue();
        assertThat(parse(pub.replace("secret: ${SECRET}", "require_par: false"), "").clients().get(0).requirePar())
                .isFalse();
        assertThat(parse(GOOD_CLIENT, "0123456789abcdef0123456789abcdef").clients().get(0).requirePar()).isFalse();
    }

    @Test
    void privateKeysInAClientJwksAreRefused() {
        String jwt = GOOD_CLIENT.replace("auth_method: client_secret_basic", "auth_method: private_key_jwt")
                .replace("secret: ${SECRET}", "jwks: '{\"keys\":[{\"kty\":\"oct\",\"kid\":\"k1\",\"k\":\"c2VjcmV0\"}]}'");
        assertThatThrownBy(() -> parse(jwt, "")).hasMessageContaining("field 'jwks'").hasMessageContaining("private");
    }

    @Test
    void aClientDeclaredTwiceIsRefused() {
        String twice = GOOD_CLIENT + GOOD_CLIENT.substring(GOOD_CLIENT.indexOf("  - id: acme"))
                .replace("id: acme\n", "id: acme2\n");
        assertThatThrownBy(() -> parse(twice, "0123456789abcdef0123456789abcdef"))
                .hasMessageContaining("partners[1].clients[0]").hasMessageContaining("declared twice");
    }

    @Test
    void invalidYamlNamesTheFile() {
        assertThatThrownBy(() -> parse("partners: [: :", "")).isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("test-bootstrap.yml: not valid YAML");
    }

    private static void assertRefused(String from, String to, String field, String detail) {
        assertThatThrownBy(() -> parse(GOOD_CLIENT.replace(from, to), "0123456789abcdef0123456789abcdef"))
                .isInstanceOf(BootstrapException.class)
                .hasMessageContaining("partners[0].clients[0]")
                .hasMessageContaining(field)
                .hasMessageContaining(detail);
    }

    private static PartnerSection parse(String yaml, String secret) {
        ByteArrayResource resource = new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8),
                "test-bootstrap.yml") {
            @Override
            public String getDescription() {
                return "test-bootstrap.yml";
            }
        };
        return PartnerSection.parse(BootstrapFile.read(resource, text -> text.replace("${SECRET}", secret)).root());
    }
}
