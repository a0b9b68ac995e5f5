package no.portvakt.server.accesslog;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.ApiScope;
import no.portvakt.registry.Partner;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.representation.Person;
import no.portvakt.representation.Relation;
import no.portvakt.representation.Representation;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.issuance.OidcScopes;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.registry.ProtectedResources;
import no.portvakt.server.representation.ActingContext;
import no.portvakt.server.representation.RepresentationController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Hvem har brukt opplysninger om meg" ({@code access-log.html}): for the person the citizen acts for, newest
 * first, each partner that received a token naming them, when, for which API and which data (the scopes' citizen
 * texts), whether someone was logged in or the portal fetched or delivered on its own (a SystemToken), and who
 * acted and how. A page at a time ({@link AccessLog}), linked by an opaque cursor; plain links, no JavaScript.
 */
@Controller
class AccessLogController {

    static final String PAGE = "/innsyn";
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    /**
     * One token on the page. {@code who}: {@code system} (nobody logged in), {@code you}, {@code youFor} (the
     * reader, for the person they act for), {@code themself} (the person represented) or {@code other}; with
     * {@code name} and {@code relation} (a claim value, or null) where they apply.
     */
    record Line(String when, String recipient, String api, List<String> data, List<String> loginData,
                boolean withoutLogin, String who, String name, String relation) {
    }

    private final AccessLog log;
    private final ActingContext acting;
    private final PersonDirectory persons;
    private final RegisteredClientRepository clients;
    private final ProtectedResources apis;
    private final ClientRegistry registry;

    AccessLogController(AccessLog log, ActingContext acting, PersonDirectory persons,
                        RegisteredClientRepository clients, ProtectedResources apis, ClientRegistry registry) {
        this.log = log;
        this.acting = acting;
        this.persons = persons;
        this.clients = clients;
        this.apis = apis;
        this.registry = registry;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal Citizen citizen, @RequestParam(name = "eldre", required = false)
                String older, Model model) {
        Optional<Representation> current = acting.current(citizen);
        if (current.isEmpty()) {
            return "redirect:" + RepresentationController.PATH;
        }
        AccessLog.Cursor from = AccessLog.Cursor.parse(older);
        AccessLog.Page page = log.read(citizen.pid(), current.get(), from);
        Lines lines = new Lines(citizen.pid(), current.get(), LocaleContextHolder.getLocale().getLanguage());
        model.addAttribute("acting", current.get());
        model.addAttribute("lines", page.entries().stream().map(lines::line).toList());
        model.addAttribute("older", page.older().map(AccessLog.Cursor::toString).orElse(null));
        model.addAttribute("first", from.equals(AccessLog.Cursor.NEWEST));
        return "access-log";
    }

    /** The page's lines in the reader's language, each partner and name looked up once. */
    private final class Lines {

        private final String reader;
        private final Representation context;
        private final String language;
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, Optional<PartnerApi>> apisByResource = new HashMap<>();
        private final Map<String, String> partners = new HashMap<>();
        private final Map<String, String> clientNames = new HashMap<>();

        Lines(String reader, Representation context, String language) {
            this.reader = reader;
            this.context = context;
            this.language = language;
        }

        Line line(AccessLog.Entry entry) {
            Optional<PartnerApi> api = apisByResource.computeIfAbsent(entry.audience(), apis::find);
            String representedName = context.relation() == Relation.SELF ? null : context.represented().name();
            List<String> data = api.map(a -> entry.apiScopes().stream().map(scope -> text(a, scope, representedName))
                    .toList()).orElse(List.of());
            List<String> loginData = entry.scopes().stream().filter(OidcScopes.ALL::contains).sorted().toList();
            return new Line(WHEN.format(entry.issuedAt().atZone(NORWAY)), recipient(entry, api),
                    api.map(PartnerApi::name).orElse(null), data, loginData, entry.withoutLogin(), who(entry),
                    entry.actingPid() == null ? null : name(entry.actingPid()), entry.relation());
        }

        /** A relying party's own tokens went to it; the portal's tokens for a partner's API, to that partner. */
        private String recipient(AccessLog.Entry entry, Optional<PartnerApi> api) {
            boolean toTheClient = AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(entry.grantType())
                    || AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(entry.grantType());
            if (toTheClient || api.isEmpty()) {
                return clientNames.computeIfAbsent(entry.clientId(), id -> {
                    RegisteredClient client = clients.findByClientId(id);
                    return client == null ? id : client.getClientName();
                });
            }
            return partners.computeIfAbsent(api.get().partnerId(), id -> registry.findPartner(id)
                    .map(Partner::name).orElse(api.get().name()));
        }

        private String who(AccessLog.Entry entry) {
            if (entry.withoutLogin()) {
                return "system";
            }
            if (entry.actingPid().equals(reader)) {
                return context.relation() == Relation.SELF ? "you" : "youFor";
            }
            return entry.actingPid().equals(context.represented().pid()) ? "themself" : "other";
        }

        private String name(String pid) {
            return names.computeIfAbsent(pid, p -> persons.person(p).map(Person::name).orElse("–"));
        }

        /** The scope's citizen text, as it reads to the reader; the partners' description where it has none. */
        private String text(PartnerApi api, String scope, String representedName) {
            ApiScope registered = api.scopes().get(scope);
            if (registered == null) {
                return scope;
            }
            return registered.texts().isEmpty() ? registered.description()
                    : registered.text(language).about(representedName).title();
        }
    }
}
