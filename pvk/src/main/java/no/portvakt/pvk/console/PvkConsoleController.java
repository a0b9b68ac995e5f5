package no.portvakt.pvk.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.portvakt.pvk.PiType;
import no.portvakt.pvk.delivery.Deliveries;
import no.portvakt.pvk.registry.PvkEntries;
import no.portvakt.pvk.registry.PvkRegistry;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.registry.console.AdministratorAuthentication;
import no.portvakt.registry.console.ConsolePages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * PVK in the admin console ({@code /console/pvk}): the replication backlog per subscriber with its failures and
 * dead letters, redelivery, and the definitions and subscriptions with forms to add or change them (the same fields
 * and rules as the bootstrap file and the admin API). Auditors see the pages without forms, and the console's chain
 * refuses their POSTs.
 */
@Controller
class PvkConsoleController implements ConsolePages {

    static final String PAGE = "/console/pvk";
    private static final int SHOWN = 100;

    private final PvkRegistry registry;
    private final Deliveries deliveries;

    PvkConsoleController(PvkRegistry registry, Deliveries deliveries) {
        this.registry = registry;
        this.deliveries = deliveries;
    }

    @GetMapping(PAGE)
    String overview(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("backlog", deliveries.backlog());
        model.addAttribute("definitions", registry.definitions());
        model.addAttribute("subscriptions", registry.subscriptions());
        doneMessage(done).ifPresent(key -> model.addAttribute("done", key));
        return "console/pvk";
    }

    @GetMapping(PAGE + "/subscriptions/{id}")
    String subscription(@PathVariable String id, @RequestParam(required = false) String done, Model model) {
        if (registry.subscription(id).isEmpty()) {
            return "redirect:" + PAGE;
        }
        doneMessage(done).ifPresent(key -> model.addAttribute("done", key));
        model.addAttribute("subscription", registry.subscription(id).get());
        model.addAttribute("dead", deliveries.messages(id, "dead", SHOWN));
        model.addAttribute("waiting", deliveries.messages(id, "pending", SHOWN));
        return "console/pvk-subscription";
    }

    @PostMapping(PAGE + "/subscriptions/{id}/redelivery")
    String redeliverAll(@PathVariable String id, RedirectAttributes result) {
        if (registry.subscription(id).isPresent()) {
            deliveries.redeliverAll(id);
        }
        result.addAttribute("done", "redelivered");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/messages/{messageId}/redelivery")
    String redeliver(@PathVariable UUID messageId, RedirectAttributes result) {
        String subscription = deliveries.message(messageId).map(Deliveries.Delivery::subscriptionId).orElse(null);
        deliveries.redeliver(messageId);
        result.addAttribute("done", "redelivered");
        return subscription == null ? "redirect:" + PAGE : "redirect:" + PAGE + "/subscriptions/" + subscription;
    }

    @GetMapping(PAGE + "/definitions/new")
    String newDefinition(@RequestParam(required = false) UUID guid, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        registry.definition(guid == null ? new UUID(0, 0) : guid).ifPresent(d -> {
            form.put("guid", d.guid().toString());
            form.put("part_kode", d.partnerId());
            form.put("type_pi", d.type().value());
            for (String language : List.of("nb", "nn", "en")) {
                form.put("name_" + language, d.name().in(language));
                form.put("text_" + language, d.text().in(language));
            }
            form.put("default_active", String.valueOf(d.defaultActive()));
            form.put("representative_may_change", String.valueOf(d.representativeMayChange()));
        });
        return definitionForm(model, form);
    }

    /** Adds or changes a definition; a bad field re-shows the form with what was typed and the problem. */
    @PostMapping(PAGE + "/definitions")
    String saveDefinition(@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                          RedirectAttributes result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("guid", blank(form.get("guid")) ? UUID.randomUUID().toString() : form.get("guid").strip());
        fields.put("part_kode", form.get("part_kode"));
        fields.put("type_pi", form.get("type_pi"));
        fields.put("name", texts(form, "name_"));
        fields.put("text", texts(form, "text_"));
        fields.put("default_active", "true".equals(form.get("default_active")));
        fields.put("representative_may_change", "true".equals(form.get("representative_may_change")));
        Entry entry = Entry.of("form", "", fields);
        try {
            PvkEntries.checked(entry, () -> registry.saveDefinition(actor(), PvkEntries.definition(entry)));
        } catch (BootstrapException e) {
            model.addAttribute("problemText", problem(e));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return definitionForm(model, form);
        }
        result.addAttribute("done", "definition");
        return "redirect:" + PAGE;
    }

    @GetMapping(PAGE + "/subscriptions/new")
    String newSubscription(@RequestParam(required = false) String id, Model model) {
        Map<String, Object> form = new LinkedHashMap<>();
        registry.subscription(id == null ? "" : id).ifPresent(s -> {
            form.put("id", s.id());
            form.put("partner", s.partnerId());
            form.put("resource", s.resource());
            form.put("scope", s.scope());
            form.put("delivery_url", s.deliveryUrl().toString());
            form.put("definitions", s.definitions().stream().map(UUID::toString).toList());
        });
        return subscriptionForm(model, form);
    }

    @PostMapping(PAGE + "/subscriptions")
    String saveSubscription(@RequestParam MultiValueMap<String, String> form, Model model,
                            HttpServletResponse response, RedirectAttributes result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : List.of("id", "partner", "resource", "scope", "delivery_url")) {
            fields.put(field, form.getFirst(field));
        }
        fields.put("definitions", form.getOrDefault("definitions", List.of()));
        Entry entry = Entry.of("form", "", fields);
        try {
            PvkEntries.checked(entry, () -> registry.saveSubscription(actor(), PvkEntries.subscription(entry)));
        } catch (BootstrapException e) {
            model.addAttribute("problemText", problem(e));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return subscriptionForm(model, fields);
        }
        result.addAttribute("done", "subscription");
        return "redirect:" + PAGE;
    }

    private String definitionForm(Model model, Map<String, String> form) {
        model.addAttribute("form", form);
        model.addAttribute("types", PiType.values());
        return "console/pvk-definition";
    }

    private String subscriptionForm(Model model, Map<String, Object> form) {
        model.addAttribute("form", form);
        model.addAttribute("definitions", registry.definitions());
        return "console/pvk-subscription-form";
    }

    private static Map<String, String> texts(Map<String, String> form, String prefix) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : List.of("nb", "nn", "en")) {
            if (!blank(form.get(prefix + language))) {
                texts.put(language, form.get(prefix + language).strip());
            }
        }
        return texts;
    }

    /** The notice for what was just done ({@code done} comes from the address: only the known ones). */
    private static java.util.Optional<String> doneMessage(String done) {
        return java.util.Optional.ofNullable(done)
                .filter(java.util.Set.of("redelivered", "definition", "subscription")::contains)
                .map(known -> "pvk.console.done." + known);
    }

    /** The rules' message without the form's name: where, which field, what. */
    private static String problem(BootstrapException e) {
        return e.getMessage().replaceFirst("^form: ", "");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String actor() {
        return AdministratorAuthentication.signedIn().actor();
    }
}
