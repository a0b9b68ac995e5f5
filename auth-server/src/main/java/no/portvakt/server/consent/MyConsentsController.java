package no.portvakt.server.consent;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import no.portvakt.representation.Person;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.login.Citizen;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "My consents" ({@code consents.html}): what the citizen has granted, for themself and for each person they act
 * for, and the way to withdraw it. Withdrawing removes every authorization issued under the consent at once: its
 * refresh tokens stop working, and its access tokens fail at userinfo and introspection.
 */
@Controller
class MyConsentsController {

    static final String PAGE = "/consents";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** One consent on the page. */
    record Row(String clientId, String clientName, String representedPid, String representedName,
               List<String> scopeTitles, String grantedOn) {
    }

    private final ConsentStore store;
    private final ConsentScopes consentScopes;
    private final RegisteredClientRepository clients;
    private final PersonDirectory persons;
    private final OAuth2AuthorizationService authorizations;

    MyConsentsController(ConsentStore store, ConsentScopes consentScopes, RegisteredClientRepository clients,
                         PersonDirectory persons, OAuth2AuthorizationService authorizations) {
        this.store = store;
        this.consentScopes = consentScopes;
        this.clients = clients;
        this.persons = persons;
        this.authorizations = authorizations;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal Citizen citizen, @RequestParam(required = false) String withdrawn,
                Model model) {
        String language = LocaleContextHolder.getLocale().getLanguage();
        List<Row> rows = store.givenBy(citizen.pid()).stream().map(consent -> {
            RegisteredClient client = clients.findByClientId(consent.clientId());
            String represented = citizen.pid().equals(consent.representedPid()) ? null
                    : persons.person(consent.representedPid()).map(Person::name).orElse(consent.representedPid());
            List<String> titles = consentScopes.needingConsent(consent.scopes()).values().stream()
                    .map(scope -> scope.text(language).about(represented).title()).toList();
            return new Row(consent.clientId(), client == null ? consent.clientId() : client.getClientName(),
                    consent.representedPid(), represented, titles,
                    DAY.format(consent.grantedAt().atZone(ZoneId.of("Europe/Oslo"))));
        }).toList();
        model.addAttribute("consents", rows);
        model.addAttribute("withdrawn", withdrawn != null);
        return "consents";
    }

    @PostMapping(PAGE + "/withdraw")
    String withdraw(@AuthenticationPrincipal Citizen citizen, @RequestParam("client_id") String clientId,
                    @RequestParam("represented") String representedPid) {
        for (String id : store.withdraw(citizen.pid(), representedPid, clientId)) {
            OAuth2Authorization authorization = authorizations.findById(id);
            if (authorization != null) {
                authorizations.remove(authorization);
            }
        }
        return "redirect:" + PAGE + "?withdrawn";
    }
}
