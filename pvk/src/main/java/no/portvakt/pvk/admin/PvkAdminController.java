package no.portvakt.pvk.admin;

import static no.portvakt.registry.admin.AdminAnswers.error;
import static no.portvakt.registry.admin.AdminAnswers.invalid;
import static no.portvakt.registry.admin.AdminAnswers.ok;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import no.portvakt.pvk.Channel;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.Setting;
import no.portvakt.pvk.SettingChange;
import no.portvakt.pvk.Subscription;
import no.portvakt.pvk.delivery.Deliveries;
import no.portvakt.pvk.registry.PvkEntries;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.pvk.registry.PvkViews;
import no.portvakt.pvk.settings.PrivacySettings;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * PVK in the admin API ({@code /admin/api/pvk}, docs/admin-api.md): definitions and subscriptions (the bootstrap
 * file's fields as JSON, the same rules), the delivery backlog per subscriber, its messages, redelivery of dead
 * letters, and a citizen's settings with their history. Reading needs {@code portvakt.audit} or
 * {@code portvakt.admin}, changing {@code portvakt.admin} (the admin API's security chain decides).
 */
@RestController
@RequestMapping("/admin/api/pvk")
class PvkAdminController {

    private static final int MAX_MESSAGES = 1000;

    private final PvkRegistry registry;
    private final Deliveries deliveries;
    private final PrivacySettings settings;

    PvkAdminController(PvkRegistry registry, Deliveries deliveries, PrivacySettings settings) {
        this.registry = registry;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    @GetMapping("/definitions")
    ResponseEntity<Map<String, Object>> definitions() {
        return ok(Map.of("definitions", registry.definitions().stream().map(PvkViews::of).toList()));
    }

    /** Creates or replaces the definition {@code guid}. */
    @PutMapping("/definitions/{guid}")
    ResponseEntity<Map<String, Object>> saveDefinition(@PathVariable String guid,
                                                       @RequestBody(required = false) Map<String, Object> body,
                                                       Principal actor) {
        return save("guid", guid, body, PvkEntries::definition,
                definition -> registry.saveDefinition(actor.getName(), definition), PvkViews::of);
    }

    @GetMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscriptions() {
        return ok(Map.of("subscriptions", registry.subscriptions().stream().map(PvkViews::of).toList()));
    }

    /** Creates or replaces the subscription {@code id}. */
    @PutMapping("/subscriptions/{id}")
    ResponseEntity<Map<String, Object>> saveSubscription(@PathVariable String id,
                                                         @RequestBody(required = false) Map<String, Object> body,
                                                         Principal actor) {
        return save("id", id, body, PvkEntries::subscription,
                subscription -> registry.saveSubscription(actor.getName(), subscription), PvkViews::of);
    }

    /**
     * The bootstrap file's fields as JSON, read and checked by its rules, then saved: the path names the entry
     * ({@code idField}), and a body naming another is refused.
     */
    private static <T> ResponseEntity<Map<String, Object>> save(String idField, String id, Map<String, Object> body,
                                                               Function<Entry, T> read, Consumer<T> saved,
                                                               Function<T, Map<String, Object>> view) {
        Map<String, Object> fields = new LinkedHashMap<>(body == null ? Map.of() : body);
        fields.putIfAbsent(idField, id);
        if (!id.equals(fields.get(idField))) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", idField + ": differs from the path's");
        }
        Entry entry = Entry.of("request", "", fields);
        try {
            T value = read.apply(entry);
            PvkEntries.checked(entry, () -> {
                saved.accept(value);
                return value;
            });
            return ok(view.apply(value));
        } catch (BootstrapException e) {
            return invalid(e);
        }
    }

    /** Per subscriber: waiting, failing, dead letters, received in the last hour, the oldest waiting, the rest. */
    @GetMapping("/backlog")
    ResponseEntity<Map<String, Object>> backlog() {
        return ok(Map.of("subscriptions", deliveries.backlog()));
    }

    /** A subscriber's messages in one state ({@code pending}, {@code dead} or {@code delivered}), oldest first. */
    @GetMapping("/subscriptions/{id}/messages")
    ResponseEntity<Map<String, Object>> messages(@PathVariable String id,
                                                 @RequestParam(defaultValue = "dead") String state,
                                                 @RequestParam(defaultValue = "100") int limit) {
        if (registry.subscription(id).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not_found", "no subscription '" + id + "'");
        }
        if (!List.of("pending", "dead", "delivered").contains(state) || limit < 1 || limit > MAX_MESSAGES) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request",
                    "state is pending, dead or delivered; limit 1 to " + MAX_MESSAGES);
        }
        return ok(Map.of("messages", deliveries.messages(id, state, limit)));
    }

    @PostMapping("/messages/{messageId}/redelivery")
    ResponseEntity<Map<String, Object>> redeliver(@PathVariable String messageId) {
        Optional<UUID> id = uuid(messageId);
        if (id.isEmpty() || deliveries.message(id.get()).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not_found", "no message '" + messageId + "'");
        }
        return deliveries.redeliver(id.get()) ? ok(Map.of("result", "done", "redelivered", 1))
                : error(HttpStatus.CONFLICT, "conflict", "message '" + messageId + "' is not a dead letter");
    }

    @PostMapping("/subscriptions/{id}/redelivery")
    ResponseEntity<Map<String, Object>> redeliverAll(@PathVariable String id) {
        if (registry.subscription(id).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not_found", "no subscription '" + id + "'");
        }
        return ok(Map.of("result", "done", "redelivered", deliveries.redeliverAll(id)));
    }

    /** A citizen's settings for every definition, each with its history. */
    @GetMapping("/settings")
    ResponseEntity<Map<String, Object>> settings(@RequestParam(required = false) String pid) {
        if (pid == null || !no.portvakt.representation.Fodselsnummer.isValid(pid)) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "pid: not a fødselsnummer");
        }
        List<Map<String, Object>> views = settings.settingsOf(pid).stream().map(s -> view(s,
                settings.history(pid, s.definition().guid()))).toList();
        return ok(Map.of("pid", pid, "settings", views));
    }

    /** An operator records a citizen's setting (a correction); replicated like any change. */
    @PostMapping("/settings")
    ResponseEntity<Map<String, Object>> change(@RequestBody(required = false) Map<String, Object> body,
                                               Principal actor) {
        Object pid = body == null ? null : body.get("innbyggerFnr");
        Object guid = body == null ? null : body.get("definisjonGuid");
        Object active = body == null ? null : body.get("aktiv");
        if (!(pid instanceof String p) || !(guid instanceof String g) || !(active instanceof Boolean a)) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request",
                    "innbyggerFnr (text), definisjonGuid (text) and aktiv (true or false) are required");
        }
        Optional<UUID> definition = uuid(g);
        if (definition.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", "definisjonGuid: not a GUID");
        }
        try {
            Optional<SettingChange> change = settings.changeAsClient(actor.getName(), Channel.ADMIN_API, p,
                    definition.get(), a);
            Setting now = settings.setting(p, definition.get());
            return ok(Map.of("changed", change.isPresent(), "aktiv", now.active(), "version", now.version()));
        } catch (InvalidEntry e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_request", e.field() + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> view(Setting setting, List<SettingChange> history) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("definisjonGuid", setting.definition().guid().toString());
        view.put("definisjonNavn", setting.definition().name().nb());
        view.put("aktiv", setting.active());
        view.put("version", setting.version());
        view.put("history", history.stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", c.version());
            entry.put("aktiv", c.active());
            entry.put("previous", c.previousActive());
            entry.put("changed_at", c.changedAt().toString());
            entry.put("channel", c.changedBy().channel().value());
            entry.put("relation", c.changedBy().relation());
            Optional.ofNullable(c.changedBy().actorPid()).ifPresent(v -> entry.put("actor_pid", v));
            Optional.ofNullable(c.changedBy().clientId()).ifPresent(v -> entry.put("actor_client_id", v));
            return entry;
        }).toList());
        return view;
    }

    private static Optional<UUID> uuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
