package no.portvakt.server.consent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.portvakt.registry.ApiScope;
import no.portvakt.server.authorize.CitizenPageFirst;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.representation.ActingContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page ({@code consent.html}): who asks, on whose behalf, and each scope in plain language; the
 * citizen approves all, some or none. Only what the citizen approved before is ticked (a consent is given, never
 * assumed). Only the scopes the pending request asked for can be approved; anything else in the form is ignored.
 */
@Controller
@RequestMapping(ConsentRequired.PAGE)
class ConsentController {

    /** One scope on the page. */
    record ScopeChoice(String name, String title, String description, boolean approved) {
    }

    private final ConsentStore store;
    private final ConsentScopes consentScopes;
    private final RegisteredClientRepository clients;
    private final ActingContext acting;

    ConsentController(ConsentStore store, ConsentScopes consentScopes, RegisteredClientRepository clients,
                      ActingContext acting) {
        this.store = store;
        this.consentScopes = consentScopes;
        this.clients = clients;
        this.acting = acting;
    }

    @GetMapping
    String page(@AuthenticationPrincipal Citizen citizen, HttpSession session, Model model) {
        PendingConsent pending = pending(session, citizen);
        if (pending == null) {
            return "redirect:/";
        }
        RegisteredClient client = clients.findByClientId(pending.clientId());
        Set<String> approved = store.approved(citizen.pid(), pending.representedPid(), pending.clientId())
                .orElse(Set.of());
        String language = LocaleContextHolder.getLocale().getLanguage();
        List<ScopeChoice> scopes = consentScopes.needingConsent(pending.scopes()).values().stream()
                .map(scope -> choice(scope, language, approved)).toList();
        model.addAttribute("clientName", client == null ? pending.clientId() : client.getClientName());
        model.addAttribute("scopes", scopes);
        model.addAttribute("representation", citizen.pid().equals(pending.representedPid()) ? null
                : acting.check(citizen, pending.representedPid()).orElse(null));
        return "consent";
    }

    @PostMapping
    String decide(@AuthenticationPrincipal Citizen citizen, @RequestParam(name = "scope", required = false)
                  List<String> scope, @RequestParam(required = false) String decision, HttpServletRequest request,
                  HttpServletResponse response, HttpSession session) {
        PendingConsent pending = pending(session, citizen);
        if (pending == null) {
            return "redirect:/";
        }
        Set<String> chosen = new HashSet<>("approve".equals(decision) && scope != null ? scope : List.of());
        chosen.retainAll(pending.scopes());
        // The decision covers the scopes asked for now; earlier decisions on other scopes stay.
        Set<String> approved = new HashSet<>(store.approved(citizen.pid(), pending.representedPid(),
                pending.clientId()).orElse(Set.of()));
        approved.removeAll(pending.scopes());
        approved.addAll(chosen);
        store.save(citizen.pid(), pending.representedPid(), pending.clientId(), approved);
        session.removeAttribute(PendingConsent.ATTRIBUTE);
        session.setAttribute(PendingConsent.JUST_GIVEN, pending.clientId());
        return "redirect:" + CitizenPageFirst.continueUrl(request, response);
    }

    /** The pending consent, when it belongs to this citizen acting as they do now. */
    private static PendingConsent pending(HttpSession session, Citizen citizen) {
        Object pending = session.getAttribute(PendingConsent.ATTRIBUTE);
        return pending instanceof PendingConsent p && p.actingPid().equals(citizen.pid())
                && p.representedPid().equals(citizen.actsFor()) ? p : null;
    }

    private static ScopeChoice choice(ApiScope scope, String language, Set<String> approved) {
        ApiScope.Text text = scope.text(language);
        return new ScopeChoice(scope.name(), text.title(), text.description(), approved.contains(scope.name()));
    }
}
