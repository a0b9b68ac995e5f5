package no.portvakt.registry.admin;

import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.Client;
import no.portvakt.registry.ClientRegistry;
import no.portvakt.registry.Partner;
import no.portvakt.registry.RegistryAudit;
import no.portvakt.registry.RegistryChanged;
import no.portvakt.registry.RegistryViews;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrators' operations on the registry, each one change in one transaction with its entry in the change
 * trail (before and after), announced to the caches once committed. The admin API and the console both use it.
 */
@Service
public class RegistryAdministration {

    /** What an operation found. */
    public enum Outcome { DONE, NOT_FOUND, ALREADY }

    private final ClientRegistry registry;
    private final RegistryAudit audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    RegistryAdministration(ClientRegistry registry, RegistryAudit audit, TransactionTemplate tx,
                           ApplicationEventPublisher events) {
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

    /** Adds a client an administrator registers (approved at once); false if the client_id is taken. */
    public Outcome addClient(String actor, Client client) {
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
        return outcome;
    }

    /** Changes a client's registration; the trail has it before and after. */
    public void updateClient(String actor, Client before, Client after) {
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

    private void announce(Outcome outcome, String entity, String id) {
        if (outcome == Outcome.DONE) {
            events.publishEvent(new RegistryChanged(entity, id));
        }
    }
}
