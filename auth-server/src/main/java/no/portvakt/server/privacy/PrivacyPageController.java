package no.portvakt.server.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import no.portvakt.pvk.Definition;
import no.portvakt.pvk.InvalidEntry;
import no.portvakt.pvk.Setting;
import no.portvakt.pvk.SettingChange;
import no.portvakt.pvk.delivery.Deliveries;
import no.portvakt.pvk.rules.ChangeDecision;
import no.portvakt.pvk.rules.ChangeRules;
import no.portvakt.pvk.settings.ChangeRefused;
import no.portvakt.pvk.settings.PrivacySettings;
import no.portvakt.representation.Person;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.representation.ActingContext;
import no.portvakt.server.representation.RepresentationController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Personverninnstillinger" ({@code privacy.html}, {@code privacy-setting.html}, {@code privacy-confirm.html}):
 * the privacy settings of the person the citizen acts for, each in plain language; a change in two steps (choose,
 * then confirm), by the rules; each setting's history and which partners were told, and when. Plain forms: it
 * works without JavaScript.
 */
@Controller
class PrivacyPageController {

    static final String PAGE = "/personvern";
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    /** One setting on the page, in the citizen's language. */
    record Row(String guid, String name, String text, String type, boolean active, boolean mayChange,
               String refusal, String changedAt) {
    }

    /** One history entry: what it became, who changed it (and how), when, and whom PVK told. */
    record Entry(long version, boolean active, boolean previous, String who, String relation, String channel,
                 String changedAt, List<String> told, List<String> waiting) {
    }

    private final ActingContext acting;
    private final PrivacySettings settings;
    private final ChangeRules rules;
    private final Deliveries deliveries;
    private final PersonDirectory persons;
    private final Clock clock;

    PrivacyPageController(ActingContext acting, PrivacySettings settings, ChangeRules rules, Deliveries deliveries,
                          PersonDirectory persons, Clock clock) {
        this.acting = acting;
        this.settings = settings;
        this.rules = rules;
        this.deliveries = deliveries;
        this.persons = persons;
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal Citizen citizen, @RequestParam(required = false) String changed,
                Model model) {
        Optional<Representation> current = acting.current(citizen);
        if (current.isEmpty()) {
            return "redirect:" + RepresentationController.PATH;
        }
        String subject = current.get().represented().pid();
        String language = language();
        model.addAttribute("acting", current.get());
        model.addAttribute("changed", changed != null);
        model.addAttribute("settings", settings.settingsOf(subject).stream()
                .map(s -> row(citizen, s, language)).toList());
        return "privacy";
    }

    @GetMapping(PAGE + "/{guid}")
    String setting(@AuthenticationPrincipal Citizen citizen, @PathVariable String guid, Model model) {
        Representation current = actingFor(citizen);
        Setting setting = settingOf(current, guid);
        String language = language();
        Map<Long, List<Deliveries.Told>> told = deliveries.told(current.represented().pid(),
                setting.definition().guid()).stream().collect(Collectors.groupingBy(Deliveries.Told::changeId));
        model.addAttribute("acting", current);
        model.addAttribute("setting", row(citizen, setting, language));
        model.addAttribute("history", settings.history(current.represented().pid(), setting.definition().guid())
                .stream().map(c -> entry(citizen, c, told.getOrDefault(c.id(), List.of()))).toList());
        return "privacy-setting";
    }

    /** The second step: what the change will be, to confirm. */
    @GetMapping(PAGE + "/{guid}/endre")
    String confirm(@AuthenticationPrincipal Citizen citizen, @PathVariable String guid,
                   @RequestParam(defaultValue = "false") boolean aktiv, Model model) {
        Representation current = actingFor(citizen);
        model.addAttribute("acting", current);
        model.addAttribute("setting", row(citizen, settingOf(current, guid), language()));
        model.addAttribute("aktiv", aktiv);
        return "privacy-confirm";
    }

    @PostMapping(PAGE + "/{guid}")
    String change(@AuthenticationPrincipal Citizen citizen, @PathVariable String guid,
                  @RequestParam(defaultValue = "false") boolean aktiv, Model model) {
        Representation current = actingFor(citizen);
        Setting setting = settingOf(current, guid);
        try {
            settings.changeAsCitizen(citizen.pid(), current.represented().pid(), setting.definition().guid(), aktiv);
        } catch (ChangeRefused refused) {
            // The rules may have changed since the page was shown (a birthday, a power of attorney ended).
            model.addAttribute("acting", current);
            model.addAttribute("setting", row(citizen, setting, language()));
            model.addAttribute("aktiv", aktiv);
            model.addAttribute("refusal", refused.refusal().code());
            return "privacy-confirm";
        }
        return "redirect:" + PAGE + "?changed";
    }

    private Representation actingFor(Citizen citizen) {
        return acting.current(citizen)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "no representation chosen"));
    }

    private Setting settingOf(Representation current, String guid) {
        try {
            return settings.setting(current.represented().pid(), UUID.fromString(guid));
        } catch (IllegalArgumentException | InvalidEntry unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such setting");
        }
    }

    private Row row(Citizen citizen, Setting s, String language) {
        Definition d = s.definition();
        ChangeDecision decision = rules.mayChange(citizen.pid(), s.pid(), d, LocalDate.now(clock.withZone(NORWAY)));
        return new Row(d.guid().toString(), d.name().in(language), d.text().in(language), d.type().value(),
                s.active(), decision.allowed(), decision.allowed() ? null : decision.refusal().code(),
                s.changedAt() == null ? null : WHEN.format(s.changedAt().atZone(NORWAY)));
    }

    private Entry entry(Citizen citizen, SettingChange c, List<Deliveries.Told> told) {
        String who = c.changedBy().actorPid() == null ? null
                : c.changedBy().actorPid().equals(citizen.pid()) ? "" // "you"
                : persons.person(c.changedBy().actorPid()).map(Person::name).orElse(c.changedBy().actorPid());
        return new Entry(c.version(), c.active(), c.previousActive(), who,
                c.changedBy().actorPid() == null || Relation.SELF.claimValue().equals(c.changedBy().relation()) ? null
                        : c.changedBy().relation(),
                c.changedBy().channel().value(), WHEN.format(c.changedAt().atZone(NORWAY)),
                told.stream().filter(t -> t.receivedAt() != null)
                        .map(t -> t.partnerName() + " " + WHEN.format(t.receivedAt().atZone(NORWAY))).toList(),
                told.stream().filter(t -> t.receivedAt() == null).map(Deliveries.Told::partnerName).toList());
    }

    private static String language() {
        return LocaleContextHolder.getLocale().getLanguage();
    }
}
