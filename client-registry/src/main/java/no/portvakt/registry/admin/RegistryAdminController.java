package no.portvakt.registry.admin;

import static no.portvakt.registry.admin.AdminAnswers.error;
import static no.portvakt.registry.admin.AdminAnswers.invalid;
import static no.portvakt.registry.admin.AdminAnswers.ok;

import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.Partner;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.RegistryAudit;
import no.portvakt.registry.RegistryViews;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.registry.bootstrap.PartnerSection;
import no.portvakt.registry.dcr.ClientRegistrationController;
import no.portvakt.registry.store.InitialAccessTokens;
import no.portvakt.registry.store.RegistryAdministration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry in the admin API ({@code /admin/api}, docs/admin-api.md): partners with their clients, search,
 * suspension, pending approvals, APIs with their scopes and grants, and the change trail. Reading needs {@code portvakt.audit} or
 * {@code portvakt.admin}, changing {@code portvakt.admin} (the admin API's security chain decides).
 */
@RestController
@RequestMapping("/admin/api")
class RegistryAdminController {

    private final ClientRegistry registry;
    private final RegistryAdministration administration;
    private final RegistryAudit audit;
    private final String issuer;

    RegistryAdminController(ClientRegistry registry, RegistryAdministration administration, RegistryAudit audit,
                            @Value("${portvakt.issuer}") String issuer) {
        this.registry = registry;
        this.administration = administration;
        this.audit = audit;
        this.issuer = issuer;
    }

    /** Every partner, or those whose id, name, organisation number or client matches {@code q}. */
    @GetMapping("/partners")
    ResponseEntity<Map<String, Object>> partners(@RequestParam(required = false) String q) {
        List<Partner> partners = q == null || q.isBlank() ? registry.partners()
                : registry.searchPartners(q.strip().substring(0, Math.min(q.strip().length(), 100)));
        return ok(Map.of("partners", partners.stream().map(this::withClients).toList()));
    }

    @GetMapping("/partners/{id}")
    ResponseEntity<Map<String, Object>> partner(@PathVariable String id) {
        return registry.findPartner(id).map(p -> ok(withClients(p))).orElseGet(() -> error(HttpStatus.NOT_FOUND,
                "not_found", "no partner '" + id + "'"));
    }

    /** A new partner: id, name, organisation_number (mod 11), contact {name, email}, agreement_signed_on. */
    @PostMapping("/partners")
    ResponseEntity<Map<String, Object>> addPartner(@RequestBody(required = false) Map<String, Object> body,
                                                   Principal actor) {
        Partner partner;
        try {
            partner = PartnerSection.partner(Entry.of("request", "partner", body == null ? Map.of() : body));
        } catch (BootstrapException e) {
            return invalid(e);
        }
        return switch (administration.addPartner(actor.getName(), partner)) {
            case DONE -> ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                    .body(withClients(registry.findPartner(partner.id()).orElseThrow()));
            default -> error(HttpStatus.CONFLICT, "conflict", "partner '" + partner.id() + "' exists");
        };
    }

    /** Replaces a partner's fields (as for a new one; the id is the path's); a suspension stays. */
    @PutMapping("/partners/{id}")
    ResponseEntity<Map<String, Object>> updatePartner(@PathVariable String id,
                                                      @RequestBody(required = false) Map<String, Object> body,
                                                      Principal actor) {
        Map<String, Object> fields = new LinkedHashMap<>(body == null ? Map.of() : body);
        fields.put("id", id);
        Partner partner;
        try {
            partner = PartnerSection.partner(Entry.of("request", "partner", fields));
        } catch (BootstrapException e) {
            return invalid(e);
        }
        return administration.replacePartner(actor.getName(), partner) == RegistryAdministration.Outcome.DONE
                ? ok(withClients(registry.findPartner(id).orElseThrow()))
                : error(HttpStatus.NOT_FOUND, "not_found", "no partner '" + id + "'");
    }

    /**
     * A new client for the partner, approved at once: the bootstrap file's client fields (docs/bootstrap.md) as
     * JSON, checked by the same rules. For a secret method the secret is generated and in this answer only.
     */
    @PostMapping("/partners/{id}/clients")
    ResponseEntity<Map<String, Object>> addClient(@PathVariable String id,
                                                  @RequestBody(required = false) Map<String, Object> body,
                                                  Principal actor) {
        if (registry.findPartner(id).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not_found", "no partner '" + id + "'");
        }
        RegistryAdministration.Created created;
        try {
            created = administration.addClient(actor.getName(), id, body == null ? Map.of() : body);
        } catch (BootstrapException e) {
            return invalid(e);
        }
        if (created.outcome() != RegistryAdministration.Outcome.DONE) {
            return error(HttpStatus.CONFLICT, "conflict", "client '" + created.client().clientId() + "' exists");
        }
        Map<String, Object> answer = new LinkedHashMap<>(RegistryViews.of(
                registry.findClient(created.client().clientId()).orElseThrow()));
        if (created.secret() != null) {
            answer.put("client_secret", created.secret());
        }
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(answer);
    }

    /** Replaces a client's registration (the same fields); its secret and its approval stay. */
    @PutMapping("/clients/{clientId}")
    ResponseEntity<Map<String, Object>> updateClient(@PathVariable String clientId,
                                                     @RequestBody(required = false) Map<String, Object> body,
                                                     Principal actor) {
        Optional<Client> before = registry.findClient(clientId);
        if (before.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not_found", "no client '" + clientId + "'");
        }
        try {
            return ok(RegistryViews.of(administration.replaceClient(actor.getName(), before.get(),
                    body == null ? Map.of() : body)));
        } catch (BootstrapException e) {
            return invalid(e);
        }
    }

    @DeleteMapping("/clients/{clientId}")
    ResponseEntity<Map<String, Object>> deleteClient(@PathVariable String clientId, Principal actor) {
        return answer(administration.deleteClient(actor.getName(), clientId), "client", clientId);
    }

    /** Every API with its scopes and grants, in the bootstrap file's fields. */
    @GetMapping("/apis")
    ResponseEntity<Map<String, Object>> apis() {
        return ok(Map.of("apis", registry.apis().stream().map(RegistryViews::of).toList()));
    }

    /** A new API of the partner: the bootstrap file's API fields as JSON (docs/bootstrap.md), the same rules. */
    @PostMapping("/partners/{id}/apis")
    ResponseEntity<Map<String, Object>> addApi(@PathVariable String id,
                                               @RequestBody(required = false) Map<String, Object> body,
                                               Principal actor) {
        RegistryAdministration.ApiAdded added;
        try {
            added = administration.addApi(actor.getName(), id, body == null ? Map.of() : body);
        } catch (BootstrapException e) {
            return invalid(e);
        }
        return switch (added.outcome()) {
            case DONE -> ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                    .body(RegistryViews.of(registry.findApi(added.resource()).orElseThrow()));
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "not_found", "no partner '" + id + "'");
            case ALREADY -> error(HttpStatus.CONFLICT, "conflict", "API '" + added.resource() + "' exists");
        };
    }

    /** Replaces an API's name, token lifetime, scopes and grants; the API is named by {@code resource}. */
    @PutMapping("/apis")
    ResponseEntity<Map<String, Object>> updateApi(@RequestParam(required = false) String resource,
                                                  @RequestBody(required = false) Map<String, Object> body,
                                                  Principal actor) {
        Optional<PartnerApi> before = resource == null ? Optional.empty() : registry.findApi(resource);
        if (before.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not_found", "no API '" + resource + "'");
        }
        try {
            return ok(RegistryViews.of(administration.replaceApi(actor.getName(), before.get(),
                    body == null ? Map.of() : body)));
        } catch (BootstrapException e) {
            return invalid(e);
        }
    }

    @DeleteMapping("/apis")
    ResponseEntity<Map<String, Object>> deleteApi(@RequestParam(required = false) String resource,
                                                  Principal actor) {
        return resource == null ? error(HttpStatus.NOT_FOUND, "not_found", "no API named: ?resource= is missing")
                : answer(administration.deleteApi(actor.getName(), resource), "api", resource);
    }

    @PostMapping("/partners/{id}/suspension")
    ResponseEntity<Map<String, Object>> suspend(@PathVariable String id,
                                                @RequestBody(required = false) Map<String, Object> body,
                                                Principal actor) {
        Object reason = body == null ? null : body.get("reason");
        if (!(reason instanceof String text) || text.isBlank() || text.length() > 500) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "reason: 1 to 500 characters saying why");
        }
        return answer(administration.suspend(actor.getName(), id, text.strip()), "partner", id);
    }

    @DeleteMapping("/partners/{id}/suspension")
    ResponseEntity<Map<String, Object>> lift(@PathVariable String id, Principal actor) {
        return answer(administration.lift(actor.getName(), id), "partner", id);
    }

    /** An initial access token for the partner's dynamic client registration (RFC 7591 §3), shown once. */
    @PostMapping("/partners/{id}/initial-access-tokens")
    ResponseEntity<Map<String, Object>> initialAccessToken(@PathVariable String id,
                                                           @RequestBody(required = false) Map<String, Object> body,
                                                           Principal actor) {
        Object seconds = body == null ? null : body.get("expires_in");
        Duration lifetime = seconds == null ? Duration.ofDays(1)
                : seconds instanceof Integer s && s > 0 ? Duration.ofSeconds(s) : null;
        if (lifetime == null || lifetime.compareTo(InitialAccessTokens.MAX_LIFETIME) > 0) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "expires_in: 1 second to 30 days, in seconds");
        }
        return administration.issueInitialAccessToken(actor.getName(), id, lifetime)
                .map(token -> ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                        .body(Map.<String, Object>of("initial_access_token", token, "expires_in",
                                lifetime.toSeconds(), "registration_endpoint",
                                issuer + ClientRegistrationController.PATH)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "not_found", "no partner '" + id + "'"));
    }

    @GetMapping("/clients/pending")
    ResponseEntity<Map<String, Object>> pending() {
        return ok(Map.of("clients", registry.pendingClients().stream().map(RegistryViews::of).toList()));
    }

    @PostMapping("/clients/{clientId}/approval")
    ResponseEntity<Map<String, Object>> approve(@PathVariable String clientId, Principal actor) {
        return answer(administration.approve(actor.getName(), clientId), "client", clientId);
    }

    /** The change trail, newest first; {@code entity} (partner, client) and {@code id} narrow it. */
    @GetMapping("/changes")
    ResponseEntity<Map<String, Object>> changes(@RequestParam(required = false) String entity,
                                                @RequestParam(required = false) String id) {
        return ok(Map.of("changes", audit.changes(entity, id, 500)));
    }

    private Map<String, Object> withClients(Partner partner) {
        Map<String, Object> view = new LinkedHashMap<>(RegistryViews.of(partner));
        view.put("clients", registry.clientsOf(partner.id()).stream().map(RegistryViews::of).toList());
        return view;
    }

    private ResponseEntity<Map<String, Object>> answer(RegistryAdministration.Outcome outcome, String entity,
                                                       String id) {
        return switch (outcome) {
            case DONE -> ok(Map.of("result", "done", entity, id));
            case ALREADY -> error(HttpStatus.CONFLICT, "conflict", "nothing to change for " + entity + " '" + id + "'");
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "not_found", "no " + entity + " '" + id + "'");
        };
    }

}
