package no.portvakt.pvk.settings;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.portvakt.pvk.ChangedBy;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.Setting;
import no.portvakt.pvk.SettingChange;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.pvk.rules.ChangeDecision;
import no.portvakt.pvk.rules.ChangeRules;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.representation.RepresentationDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Citizens' privacy settings: reading them, and changing them by the rules. Every change is stored with its
 * history entry and its deliveries in one transaction ({@link SettingStore#record}); a change the rules refuse,
 * or for an unknown definition or citizen, stores nothing.
 */
@Service
public class PrivacySettings {

    /** The rules are applied on the day in Norway, whatever the server's zone. */
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private final PvkRegistry registry;
    private final SettingStore store;
    private final ChangeRules rules;
    private final RepresentationDirectory directory;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    PrivacySettings(PvkRegistry registry, SettingStore store, ChangeRules rules, RepresentationDirectory directory,
                    Clock clock, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.registry = registry;
        this.store = store;
        this.rules = rules;
        this.directory = directory;
        this.clock = clock;
        this.tx = tx;
        this.events = events;
    }

    /** {@code pid}'s setting for every definition. */
    public List<Setting> settingsOf(String pid) {
        return registry.definitions().stream().map(d -> store.setting(pid, d)).toList();
    }

    /** {@code pid}'s setting for every definition of partner {@code partnerId}. */
    public List<Setting> settingsOf(String pid, String partnerId) {
        return registry.definitionsOf(partnerId).stream().map(d -> store.setting(pid, d)).toList();
    }

    /** A page of the citizens with an active recorded setting for the definition, after {@code afterPid}. */
    public List<String> activeCitizens(UUID definitionGuid, String afterPid, int limit) {
        return store.activeCitizens(definition(definitionGuid).guid(), afterPid, limit);
    }

    public Setting setting(String pid, UUID definitionGuid) {
        return store.setting(pid, definition(definitionGuid));
    }

    /** The setting's changes, newest first. */
    public List<SettingChange> history(String pid, UUID definitionGuid) {
        return store.history(pid, definition(definitionGuid).guid());
    }

    /**
     * A citizen changes {@code subjectPid}'s setting (their own, or of someone they act for) on the citizen's
     * page. Throws {@link ChangeRefused} naming the rule that refused it.
     */
    public Optional<SettingChange> changeAsCitizen(String actorPid, String subjectPid, UUID definitionGuid,
                                                   boolean active) {
        Definition definition = definition(definitionGuid);
        ChangeDecision decision = rules.mayChange(actorPid, subjectPid, definition, LocalDate.now(clock.withZone(NORWAY)));
        if (!decision.allowed()) {
            throw new ChangeRefused(decision.refusal());
        }
        return record(subjectPid, definition, active, ChangedBy.citizen(actorPid, decision.relation().claimValue()));
    }

    /**
     * A system records a setting: an operator through the admin API, or the owning partner through PVK's partner
     * API (a consent given on paper). The citizen must be known to the population register.
     */
    public Optional<SettingChange> changeAsClient(String clientId, Channel channel, String pid, UUID definitionGuid,
                                                  boolean active) {
        Definition definition = definition(definitionGuid);
        if (!Fodselsnummer.isValid(pid) || directory.person(pid).isEmpty()) {
            throw new InvalidEntry("innbyggerFnr", "not a fødselsnummer of a citizen the register knows");
        }
        return record(pid, definition, active, ChangedBy.client(clientId, channel));
    }

    public Definition definition(UUID guid) {
        return registry.definition(guid)
                .orElseThrow(() -> new InvalidEntry("definisjonGuid", "'" + guid + "' is not a definition"));
    }

    private Optional<SettingChange> record(String pid, Definition definition, boolean active, ChangedBy by) {
        return tx.execute(status -> {
            Optional<SettingChange> change = store.record(pid, definition, active, by);
            change.ifPresent(c -> events.publishEvent(new PrivacySettingChanged(c)));
            return change;
        });
    }
}
