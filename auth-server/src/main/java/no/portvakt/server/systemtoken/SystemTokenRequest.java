package no.portvakt.server.systemtoken;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.registry.PartnerApi;
import no.portvakt.representation.Fodselsnummer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client_credentials request for a SystemToken, read and checked: exactly one {@code resource} that is a
 * registered API (RFC 8707 §2), and an optional citizen in {@code authorization_details} (RFC 9396 §2), written
 * {@code [{"type":"citizen","pid":"..."}]}.
 */
record SystemTokenRequest(PartnerApi api, Set<String> scopes, Optional<String> citizenPid) {

    static final String INVALID_TARGET = "invalid_target";
    static final String INVALID_AUTHORIZATION_DETAILS = "invalid_authorization_details";
    static final int MAX_AUTHORIZATION_DETAILS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static SystemTokenRequest read(Map<String, Object> parameters, Set<String> scopes, ProtectedResources apis) {
        Object resource = parameters.get("resource");
        if (resource == null) {
            throw error(INVALID_TARGET, "resource is required: a SystemToken is valid at one partner API only");
        }
        if (!(resource instanceof String uri)) {
            throw error(INVALID_TARGET, "give exactly one resource");
        }
        PartnerApi api = apis.find(uri)
                .orElseThrow(() -> error(INVALID_TARGET, "resource is not a registered API"));
        return new SystemTokenRequest(api, scopes, citizen(parameters.get("authorization_details")));
    }

    private static Optional<String> citizen(Object details) {
        if (details == null) {
            return Optional.empty();
        }
        if (!(details instanceof String text) || text.length() > MAX_AUTHORIZATION_DETAILS) {
            throw error(INVALID_AUTHORIZATION_DETAILS, "give authorization_details once, as a JSON array");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw error(INVALID_AUTHORIZATION_DETAILS, "authorization_details is not JSON");
        }
        if (node == null || !node.isArray() || node.size() != 1 || !node.get(0).isObject()
                || node.get(0).size() != 2 || !"citizen".equals(text(node.get(0), "type"))) {
            throw error(INVALID_AUTHORIZATION_DETAILS,
                    "authorization_details must be [{\"type\":\"citizen\",\"pid\":\"...\"}]");
        }
        String pid = text(node.get(0), "pid");
        if (!Fodselsnummer.isValid(pid)) {
            throw error(INVALID_AUTHORIZATION_DETAILS, "pid is not a valid fødselsnummer or D-number");
        }
        return Optional.of(pid);
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
