package no.portvakt.registry.store;

import no.portvakt.registry.SecretHash;
import no.portvakt.registry.RegistryViews;
import no.portvakt.registry.RegistryChanged;
import no.portvakt.registry.RegistryAudit;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.Partner;
import no.portvakt.registry.Client;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.registry.bootstrap.PartnerSection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way the registry changes: every change, whoever makes it (the admin API, the console, a partner's
 * dynamic registration or partner page, the bootstrap file), is one transaction with its entry in the change trail
 * (who, before and after), announced to the caches once committed. {@link ClientRegistry}'s writes are this
 * package's alone.
 */
@Service
public class RegistryAdministration {

    /** What an operation found. */
    public enum Outcome { DONE, NOT_FOUND, ALREADY }

    private final ClientRegistry registry;
    private final RegistryAudit audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final InitialAccessTokens initialTokens;

    RegistryAdministration(ClientRegistry registry, RegistryAudit audit, TransactionTemplate tx,
                           ApplicationEventPublisher events, InitialAccessTokens initialTokens) {
        this.initialTokens = initialTokens;
        this.registry = registry;
        this.audit = audit;
        this.tx = tx;
        this.events = events;
    }

    /** Adds a partner (checked by the bootstrap file's rules before it gets here). */
    public Outcome addPartner(String actor, Partner partner) {
        Outcome outcome = tx.execute(status -> {
            if (!registry.addPartner(partner)) {
                return Outcome.ALREADY;
            }
            audit.record(actor, "partner", partner.id(), "create", null,
                    RegistryViews.of(registry.findPartner(partner.id()).orElseThrow()));
            return Outcome.DONE;
        });
        announce(outcome, "partner", partner.id());
        return outcome;
    }

    /**
     * Replaces a partner's name, organisation number, contact and agreement (checked by the bootstrap file's rules
     * before it gets here); its suspension stays as it is. The trail has it when something changed.
     */
    public Outcome replacePartner(String actor, Partner after) {
        Outcome outcome = tx.execute(status -> {
            Optional<Partner> before = registry.findPartner(after.id());
            if (before.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (registry.savePartner(after)) {
                audit.record(actor, "partner", after.id(), "update", RegistryViews.of(before.get()),
                        RegistryViews.of(registry.findPartner(after.id()).orElseThrow()));
            }
            return Outcome.DONE;
        });
        announce(outcome, "partner", after.id());
        return outcome;
    }

    /**
     * A single-use initial access token for the partner's dynamic client registration (RFC 7591 §3), for
     * {@code lifetime} (at most {@link InitialAccessTokens#MAX_LIFETIME}); empty for an unknown partner. Only its
     * issue is in the trail, never the token.
     */
    public Optional<String> issueInitialAccessToken(String actor, String partnerId, java.time.Duration lifetime) {
        if (registry.findPartner(partnerId).isEmpty()) {
            return Optional.empty();
        }
        String token = initialTokens.issue(partnerId, lifetime, actor);
        audit.record(actor, "partner", partnerId, "issue_initial_access_token", null,
                Map.of("expires_in", lifetime.toSeconds()));
        return Optional.of(token);
    }

    /** A client an administrator added, and its generated secret (null for a method without one), shown once. */
    public record Created(Outcome outcome, Client client, String secret) {
    }

    /**
     * Adds a client for the partner from the registry's client fields (docs/bootstrap.md), checked by the same
     * rules and approved at once (an administrator made it). A secret is never taken from the caller: for a
     * secret method Portvakt generates it. {@code ALREADY} when the client_id is taken.
     *
     * @throws BootstrapException naming the field the rules refuse
     */
    public Created addClient(String actor, String partnerId, Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        entry.remove("secret_sha256");
        String secret = usesSecret(entry) ? SecretHash.generate() : null;
        entry.put("secret", secret);
        entry.values().removeIf(java.util.Objects::isNull);
        Client parsed = PartnerSection.client(Entry.of("request", "client", entry), partnerId, true);
        // A generated secret expires, as one from DCR or the partner page does.
        Client client = secret == null ? parsed
                : parsed.withSecretExpiresAt(java.time.Instant.now().plus(SecretHash.SECRET_LIFETIME));
        Outcome outcome = tx.execute(status -> {
            if (registry.findClient(client.clientId()).isPresent()) {
                return Outcome.ALREADY;
            }
            registry.saveClient(client, "admin");
            audit.record(actor, "client", client.clientId(), "create", null,
                    RegistryViews.of(registry.findClient(client.clientId()).orElseThrow()));
            return Outcome.DONE;
        });
        announce(outcome, "client", client.clientId());
        return new Created(outcome, client, outcome == Outcome.DONE ? secret : null);
    }

    /**
     * Replaces a client's registration with {@code fields} (checked by the registry's rules); its client_id, its
     * secret (while the method uses one) and its approval stay.
     *
     * @throws BootstrapException naming the field the rules refuse
     */
    public Client replaceClient(String actor, Client before, Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        entry.remove("secret");
        entry.remove("secret_sha256");
        entry.put("client_id", before.clientId());
        if (usesSecret(entry) && before.secretSha256() != null) {
            entry.put("secret_sha256", before.secretSha256());
        }
        Client after = PartnerSection.client(Entry.of("request", "client", entry), before.partnerId(), true);
        if (entry.containsKey("secret_sha256")) {
            after = after.withSecretExpiresAt(before.secretExpiresAt()); // the kept secret keeps its expiry
        }
        updateClient(actor, before, after);
        return registry.findClient(before.clientId()).orElseThrow();
    }

    private static boolean usesSecret(Map<String, Object> entry) {
        return String.valueOf(entry.get("auth_method")).startsWith("client_secret");
    }

    /** Changes a client's registration; the trail has it before and after. */
    private void updateClient(String actor, Client before, Client after) {
        tx.executeWithoutResult(status -> {
            if (registry.saveClient(after, "admin")) {
                audit.record(actor, "client", after.clientId(), "update", RegistryViews.of(before),
                        RegistryViews.of(registry.findClient(after.clientId()).orElseThrow()));
            }
        });
        announce(Outcome.DONE, "client", after.clientId());
    }

    /** Suspends a partner: its clients get invalid_client and its tokens introspect inactive. */
    public Outcome suspend(String actor, String partnerId, String reason) {
        return changePartner(actor, partnerId, "suspend", () -> registry.suspend(partnerId, reason));
    }

    public Outcome lift(String actor, String partnerId) {
        return changePartner(actor, partnerId, "lift_suspension", () -> registry.lift(partnerId));
    }

    /** Approves a client registered through DCR: from now on it may get tokens. */
    public Outcome approve(String actor, String clientId) {
        Outcome outcome = tx.execute(status -> {
            Optional<Client> before = registry.findClient(clientId);
            if (before.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (!registry.approve(clientId)) {
                return Outcome.ALREADY;
            }
            audit.record(actor, "client", clientId, "approve", RegistryViews.of(before.get()),
                    RegistryViews.of(registry.findClient(clientId).orElseThrow()));
            return Outcome.DONE;
        });
        announce(outcome, "client", clientId);
        return outcome;
    }

    /**
     * Deletes a client and everything issued to it: its next token request is invalid_client, its refresh tokens
     * are gone. The trail keeps the registration as it was.
     */
    public Outcome deleteClient(String actor, String clientId) {
        Outcome outcome = tx.execute(status -> {
            Optional<Client> before = registry.findClient(clientId);
            if (before.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            registry.deleteClient(clientId);
            audit.record(actor, "client", clientId, "delete", RegistryViews.of(before.get()), null);
            return Outcome.DONE;
        });
        announce(outcome, "client", clientId);
        return outcome;
    }

    /**
     * Adds an API to a partner from the bootstrap file's API fields; its grants may name any registered client.
     * {@code NOT_FOUND} for an unknown partner, {@code ALREADY} when the resource is registered.
     *
     * @throws BootstrapException naming the field the rules refuse
     */
    public ApiAdded addApi(String actor, String partnerId, Map<String, Object> fields) {
        PartnerApi api = api(partnerId, fields);
        Outcome outcome = tx.execute(status -> {
            if (registry.findPartner(partnerId).isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (registry.findApi(api.resource()).isPresent()) {
                return Outcome.ALREADY;
            }
            registry.saveApi(api);
            audit.record(actor, "api", api.resource(), "create", null,
                    RegistryViews.of(registry.findApi(api.resource()).orElseThrow()));
            return Outcome.DONE;
        });
        announce(outcome, "api", api.resource());
        return new ApiAdded(outcome, api.resource());
    }

    /** What adding an API found, and the API's resource as the rules read it. */
    public record ApiAdded(Outcome outcome, String resource) {
    }

    /**
     * Replaces an API's name, token lifetime, scopes and grants with {@code fields}; its resource and partner stay.
     * A scope left out is gone, with its grants.
     *
     * @throws BootstrapException naming the field the rules refuse
     */
    public PartnerApi replaceApi(String actor, PartnerApi before, Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        entry.put("resource", before.resource());
        PartnerApi after = api(before.partnerId(), entry);
        tx.executeWithoutResult(status -> {
            registry.saveApi(after);
            audit.record(actor, "api", after.resource(), "update", RegistryViews.of(before),
                    RegistryViews.of(registry.findApi(after.resource()).orElseThrow()));
        });
        announce(Outcome.DONE, "api", after.resource());
        return registry.findApi(after.resource()).orElseThrow();
    }

    /** Deletes an API: its scopes and grants go with it, and a token request for it is invalid_target. */
    public Outcome deleteApi(String actor, String resource) {
        Outcome outcome = tx.execute(status -> {
            Optional<PartnerApi> before = registry.findApi(resource);
            if (before.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            registry.deleteApi(resource);
            audit.record(actor, "api", resource, "delete", RegistryViews.of(before.get()), null);
            return Outcome.DONE;
        });
        announce(outcome, "api", resource);
        return outcome;
    }

    /** The API's view names its partner (so a GET's answer can be sent back); the partner is never changed here. */
    private PartnerApi api(String partnerId, Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        entry.remove("partner_id");
        entry.values().removeIf(java.util.Objects::isNull);
        return PartnerSection.api(Entry.of("request", "api", entry), partnerId,
                clientId -> registry.findClient(clientId).isPresent());
    }

    private Outcome changePartner(String actor, String partnerId, String action,
                                  java.util.function.BooleanSupplier change) {
        Outcome outcome = tx.execute(status -> {
            Optional<Partner> before = registry.findPartner(partnerId);
            if (before.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (!change.getAsBoolean()) {
                return Outcome.ALREADY;
            }
            Map<String, Object> after = RegistryViews.of(registry.findPartner(partnerId).orElseThrow());
            audit.record(actor, "partner", partnerId, action, RegistryViews.of(before.get()), after);
            return Outcome.DONE;
        });
        announce(outcome, "partner", partnerId);
        return outcome;
    }

    /**
     * A client a partner registered itself (RFC 7591), pending approval, if {@code initialToken} is still unused
     * and the partner's: it is used up in the same transaction. False when a concurrent request used it first.
     */
    public boolean register(String partnerId, String initialToken, Client client, Instant secretExpiresAt,
                            String registrationTokenSha256) {
        Boolean saved = tx.execute(status -> {
            if (!Optional.of(partnerId).equals(initialTokens.use(initialToken))) {
                return false;
            }
            registry.saveRegistration(client, secretExpiresAt, registrationTokenSha256);
            audit.record("dcr:" + partnerId, "client", client.clientId(), "register", null,
                    RegistryViews.of(registry.findClient(client.clientId()).orElseThrow()));
            return true;
        });
        boolean done = Boolean.TRUE.equals(saved);
        announce(done ? Outcome.DONE : Outcome.ALREADY, "client", client.clientId());
        return done;
    }

    /** A partner's replacement of its registration (RFC 7592): the metadata, its secret and approval kept. */
    public void updateRegistration(Client before, Client after) {
        changeClient("dcr:" + before.partnerId(), before, "update", () -> {
            registry.saveRegistration(after, null, null);
            return true;
        });
    }

    /** A new secret for a client (the partner page), its hash and expiry; the secret itself is never stored. */
    public void replaceSecret(String actor, Client before, String secretSha256, Instant expiresAt) {
        changeClient(actor, before, "rotate_secret",
                () -> registry.replaceSecret(before.clientId(), secretSha256, expiresAt));
    }

    /** A client's new inline keys (the partner page), checked by the bootstrap file's rules before they get here. */
    public void replaceJwks(String actor, Client before, String jwks) {
        changeClient(actor, before, "replace_jwks", () -> registry.replaceJwks(before.clientId(), jwks));
    }

    /**
     * The bootstrap file's partners, clients and APIs, inserted or updated (never deleted), inside the caller's
     * transaction (the file is applied whole); the trail has each partner and client that changed.
     */
    public void apply(PartnerSection section, String actor) {
        tx.executeWithoutResult(status -> {
            for (Partner partner : section.partners()) {
                if (registry.savePartner(partner)) {
                    audit.record(actor, "partner", partner.id(), "apply", null,
                            RegistryViews.of(registry.findPartner(partner.id()).orElseThrow()));
                }
            }
            for (Client client : section.clients()) {
                if (registry.saveClient(client)) {
                    audit.record(actor, "client", client.clientId(), "apply", null,
                            RegistryViews.of(registry.findClient(client.clientId()).orElseThrow()));
                }
            }
            section.apis().forEach(registry::saveApi);
        });
    }

    private void changeClient(String actor, Client before, String action, java.util.function.BooleanSupplier change) {
        tx.executeWithoutResult(status -> {
            if (change.getAsBoolean()) {
                audit.record(actor, "client", before.clientId(), action, RegistryViews.of(before),
                        RegistryViews.of(registry.findClient(before.clientId()).orElseThrow()));
            }
        });
        announce(Outcome.DONE, "client", before.clientId());
    }

    private void announce(Outcome outcome, String entity, String id) {
        if (outcome == Outcome.DONE) {
            events.publishEvent(new RegistryChanged(entity, id));
        }
    }
}
