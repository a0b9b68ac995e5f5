package no.portvakt.registry.dcr;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.SecretHash;
import no.portvakt.registry.store.InitialAccessTokens;
import no.portvakt.registry.store.RegistryAdministration;
import no.portvakt.registry.outbound.OutboundTargets;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.registry.bootstrap.PartnerSection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dynamic Client Registration (RFC 7591) and its management (RFC 7592) for partners.
 * <ul>
 *   <li>{@code POST /register} with an initial access token an administrator issued to the partner (RFC 7591
 *       §3): the metadata is checked field by field (the bootstrap file's rules, then the self-service policy:
 *       grant types, scopes); a refusal is {@code invalid_redirect_uri} or {@code invalid_client_metadata}
 *       naming the field (§3.2.2). The client is pending until an administrator approves it; its secret (if any)
 *       and its registration access token are shown once, in the 201 answer.</li>
 *   <li>{@code GET}, {@code PUT}, {@code DELETE /register/{client_id}} with the registration access token
 *       (RFC 7592 §2): read, replace, or delete the registration; any other token is {@code invalid_token}.</li>
 * </ul>
 * Every change is in the registry's change trail, by {@code dcr:<partner>}.
 */
@RestController
@RequestMapping(ClientRegistrationController.PATH)
public class ClientRegistrationController {

    public static final String PATH = "/register";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClientRegistry registry;
    private final InitialAccessTokens initialTokens;
    private final RegistryAdministration administration;
    private final OutboundTargets targets;
    private final String issuer;

    ClientRegistrationController(ClientRegistry registry, InitialAccessTokens initialTokens,
                                 RegistryAdministration administration, OutboundTargets targets,
                                 @Value("${portvakt.issuer}") String issuer) {
        this.registry = registry;
        this.initialTokens = initialTokens;
        this.administration = administration;
        this.targets = targets;
        this.issuer = issuer;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                                 String authorization, @RequestBody String body) {
        Optional<String> initialToken = bearer(authorization);
        Optional<String> partner = initialToken.flatMap(initialTokens::partnerOf);
        if (partner.isEmpty()) {
            return invalidToken("an unused, unexpired initial access token issued to the partner is required");
        }
        Map<String, Object> metadata;
        try {
            metadata = object(body);
        } catch (RegistrationRefused e) {
            return e.answer();
        }
        String clientId = partner.get() + "-" + SecretHash.generate().substring(0, 12).toLowerCase();
        String secret = SecretHash.generate();
        String registrationToken = SecretHash.generate();
        Client client;
        boolean usesSecret = usesSecret(metadata);
        try {
            client = check(metadata, clientId, usesSecret ? Map.of("secret", secret) : Map.of(), partner.get());
        } catch (RegistrationRefused e) {
            return e.answer(); // the initial access token is not used up by a refused request
        }
        Instant secretExpiry = usesSecret ? Instant.now().plus(SecretHash.SECRET_LIFETIME) : null;
        if (!administration.register(partner.get(), initialToken.get(), client, secretExpiry,
                SecretHash.sha256Hex(registrationToken))) {
            return invalidToken("the initial access token has been used"); // by a concurrent request meanwhile
        }
        Map<String, Object> answer = new LinkedHashMap<>(ClientMetadata.of(registry.findClient(clientId)
                .orElseThrow(), registrationUri(clientId)));
        answer.put("client_id_issued_at", Instant.now().getEpochSecond());
        if (usesSecret) {
            answer.put("client_secret", secret);
        }
        answer.put("registration_access_token", registrationToken);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(answer);
    }

    @GetMapping("/{clientId}")
    ResponseEntity<Map<String, Object>> read(@PathVariable String clientId,
                                             @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                             String authorization) {
        return registered(clientId, authorization)
                .map(c -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .body(ClientMetadata.of(c, registrationUri(clientId))))
                .orElseGet(() -> invalidToken("not the registration access token of this client"));
    }

    /** RFC 7592 §2.2: the request replaces the metadata; client_id must match, a client_secret must be this one. */
    @PutMapping(path = "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> update(@PathVariable String clientId,
                                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                               String authorization, @RequestBody String body) {
        Optional<Client> existing = registered(clientId, authorization);
        if (existing.isEmpty()) {
            return invalidToken("not the registration access token of this client");
        }
        Client before = existing.get();
        Client after;
        try {
            Map<String, Object> metadata = object(body);
            if (!clientId.equals(metadata.get("client_id"))) {
                throw new RegistrationRefused("invalid_client_metadata", "client_id: must be this client's");
            }
            if (metadata.get("client_secret") instanceof String secret
                    && !SecretHash.matches(secret, before.secretSha256())) {
                throw new RegistrationRefused("invalid_client_metadata", "client_secret: not this client's");
            }
            Map<String, Object> keep = before.secretSha256() == null || !usesSecret(metadata) ? Map.of()
                    : Map.of("secret_sha256", before.secretSha256());
            after = check(metadata, clientId, keep, before.partnerId());
        } catch (RegistrationRefused e) {
            return e.answer();
        }
        administration.updateRegistration(before, after);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(ClientMetadata.of(registry.findClient(clientId).orElseThrow(), registrationUri(clientId)));
    }

    @DeleteMapping("/{clientId}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable String clientId,
                                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                               String authorization) {
        Optional<Client> existing = registered(clientId, authorization);
        if (existing.isEmpty()) {
            return invalidToken("not the registration access token of this client");
        }
        administration.deleteClient("dcr:" + existing.get().partnerId(), clientId);
        return ResponseEntity.noContent().build();
    }

    /** The bootstrap file's rules for every field, then what a partner may register itself. */
    private Client check(Map<String, Object> metadata, String clientId, Map<String, Object> secret, String partner) {
        Object responseTypes = metadata.get("response_types");
        if (responseTypes != null && !List.of("code").equals(responseTypes)) {
            throw new RegistrationRefused("invalid_client_metadata", "response_types: only [\"code\"]");
        }
        if (metadata.get("backchannel_logout_uri") != null) {
            // A client told of the citizen's logout shares the portal's session (logout: shared): an
            // administrator's decision (docs/bootstrap.md), not one a partner registers itself.
            throw new RegistrationRefused("invalid_client_metadata", "backchannel_logout_uri: a client that "
                    + "shares the portal's session is registered by an administrator");
        }
        Client client;
        try {
            client = PartnerSection.client(Entry.of("registration", "client",
                    ClientMetadata.toRegistryEntry(metadata, clientId, secret)), partner, false);
        } catch (BootstrapException e) {
            String field = e.field() == null ? "metadata" : ClientMetadata.metadataName(e.field());
            String error = "redirect_uris".equals(field) ? "invalid_redirect_uri" : "invalid_client_metadata";
            throw new RegistrationRefused(error, field + ": " + e.problem());
        }
        if (client.jwksUri() != null) {
            String refusal = targets.refusalOfRegistered(java.net.URI.create(client.jwksUri()));
            if (refusal != null) {
                throw new RegistrationRefused("invalid_client_metadata", "jwks_uri: " + refusal);
            }
        }
        for (String grant : client.grantTypes()) {
            if (!ClientMetadata.SELF_SERVICE_GRANTS.contains(grant)) {
                throw new RegistrationRefused("invalid_client_metadata",
                        "grant_types: '" + grant + "' is granted by an administrator, not registered");
            }
        }
        Set<String> consentScopes = registry.consentScopes();
        for (String scope : client.scopes()) {
            if (!ClientMetadata.SELF_SERVICE_LOGIN_SCOPES.contains(scope) && !consentScopes.contains(scope)) {
                throw new RegistrationRefused("invalid_client_metadata",
                        "scope: '" + scope + "' is not a scope this partner may register");
            }
        }
        return client;
    }

    /** RFC 7591 §2: client_secret_basic unless the metadata names another method. */
    private static boolean usesSecret(Map<String, Object> metadata) {
        Object method = metadata.get("token_endpoint_auth_method");
        return method == null || List.of("client_secret_basic", "client_secret_post").contains(method);
    }

    private Optional<Client> registered(String clientId, String authorization) {
        return bearer(authorization).flatMap(token -> registry.findByRegistrationToken(clientId,
                SecretHash.sha256Hex(token)));
    }

    private String registrationUri(String clientId) {
        return issuer + PATH + "/" + clientId;
    }

    private static Map<String, Object> object(String body) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = JSON.readValue(body, Map.class);
            if (metadata == null) {
                throw new RegistrationRefused("invalid_client_metadata", "the body must be a JSON object");
            }
            return metadata;
        } catch (JacksonException | ClassCastException e) {
            throw new RegistrationRefused("invalid_client_metadata", "the body must be a JSON object");
        }
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    /** RFC 6750 §3: 401 with the challenge, and the error in the body too. */
    private static ResponseEntity<Map<String, Object>> invalidToken(String description) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .body(Map.of("error", "invalid_token", "error_description", description));
    }

    /** RFC 7591 §3.2.2: 400 with the error code and a description naming the field. */
    static final class RegistrationRefused extends RuntimeException {

        private final String error;

        RegistrationRefused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        ResponseEntity<Map<String, Object>> answer() {
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore())
                    .body(Map.of("error", error, "error_description", getMessage()));
        }
    }
}
