package no.portvakt.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import no.portvakt.server.support.Http;
import no.portvakt.server.support.PortvaktTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The discovery documents (OIDC Discovery 1.0 §3, RFC 8414 §2) say exactly what Portvakt does. */
class DiscoveryTest extends PortvaktTestBase {

    @Test
    void openidConfigurationDescribesPortvakt() {
        JsonNode doc = document("/.well-known/openid-configuration");
        assertThat(doc.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(doc.get("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(doc.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(doc.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(doc.get("userinfo_endpoint").asString()).isEqualTo(ISSUER + "/userinfo");
        assertThat(doc.get("pushed_authorization_request_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/par");
        assertThat(doc.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(strings(doc, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(strings(doc, "response_types_supported")).containsExactly("code");
        assertThat(strings(doc, "response_modes_supported")).containsExactlyInAnyOrder("query", "form_post");
        assertThat(strings(doc, "subject_types_supported")).containsExactly("pairwise");
        assertThat(strings(doc, "id_token_signing_alg_values_supported")).containsExactly("RS256");
        assertThat(strings(doc, "acr_values_supported"))
                .containsExactly("idporten-loa-substantial", "idporten-loa-high");
        assertThat(strings(doc, "ui_locales_supported")).containsExactly("nb", "nn", "en");
        assertThat(strings(doc, "token_endpoint_auth_methods_supported"))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
        assertThat(doc.has("tls_client_certificate_bound_access_tokens")).isFalse();
    }

    @Test
    void authorizationServerMetadataAgreesWithTheOpenidConfiguration() {
        JsonNode oauth = document("/.well-known/oauth-authorization-server");
        JsonNode oidc = document("/.well-known/openid-configuration");
        assertThat(oauth.get("issuer")).isEqualTo(oidc.get("issuer"));
        assertThat(oauth.get("token_endpoint")).isEqualTo(oidc.get("token_endpoint"));
        assertThat(oauth.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(strings(oauth, "code_challenge_methods_supported")).containsExactly("S256");
    }

    @Test
    void theJwksPublishesPublicRsaKeysOnly() {
        JsonNode keys = document("/oauth2/jwks").get("keys");
        assertThat(keys.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode key : keys) {
            assertThat(key.get("kty").asString()).isEqualTo("RSA");
            assertThat(key.get("kid").asString()).isNotBlank();
            assertThat(key.has("d")).isFalse();
        }
    }

    private static JsonNode document(String path) {
        HttpResponse<String> response = Http.get(ISSUER + path);
        assertThat(response.statusCode()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<String> strings(JsonNode doc, String name) {
        List<String> values = new ArrayList<>();
        doc.get(name).forEach(v -> values.add(v.asString()));
        return values;
    }
}
