package no.portvakt.server.consent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.portvakt.registry.ApiScope;
import no.portvakt.representation.Representation;
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
 * The consent page ({@code consent.html}): who asks, on whose behalf, and each scope in plain language, as it reads
 * to the one deciding (acting for a child, "See Emil's appointments"). A consent is an active choice, never assumed:
 * only what the citizen approved before is ticked. One scope is one question with an allow and a refuse button;
 * with several, the citizen ticks what they allow, and allowing with nothing ticked asks again rather than granting
 * nothing in silence. Only the scopes the pending request asked for can be approved; anything else is ignored.
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
        return page(citizen, pending, model, store.approved(citizen.pid(), pending.representedPid(),
                pending.clientId()).orElse(Set.of()));
    }

    @PostMapping
    String decide(@AuthenticationPrincipal Citizen citizen, @RequestParam(name = "scope", required = false)
                  List<String> scope, @RequestParam(required = false) String decision, HttpServletRequest request,
                  HttpServletResponse response, HttpSession session, Model model) {
        PendingConsent pending = pending(session, citizen);
        if (pending == null) {
            return "redirect:/";
        }
        Set<String> chosen = new HashSet<>("approve".equals(decision) && scope != null ? scope : List.of());
        chosen.retainAll(pending.scopes());
        if ("approve".equals(decision) && chosen.isEmpty()) {
            // "Allow" with nothing ticked is a slip, not a refusal: say so and ask again.
            model.addAttribute("nothingChosen", true);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(citizen, pending, model, Set.of());
        }
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

    private String page(Citizen citizen, PendingConsent pending, Model model, Set<String> approved) {
        RegisteredClient client = clients.findByClientId(pending.clientId());
        Representation representation = citizen.pid().equals(pending.representedPid()) ? null
                : acting.check(citizen, pending.representedPid()).orElse(null);
        String represented = representation == null ? null : representation.represented().name();
        String language = LocaleContextHolder.getLocale().getLanguage();
        List<ScopeChoice> scopes = consentScopes.needingConsent(pending.scopes()).values().stream()
                .map(scope -> choice(scope, language, represented, approved)).toList();
        model.addAttribute("clientName", client == null ? pending.clientId() : client.getClientName());
        model.addAttribute("scopes", scopes);
        model.addAttribute("representation", representation);
        return "consent";
    }

    /** The pending consent, when it belongs to this citizen acting as they do now. */
    private static PendingConsent pending(HttpSession session, Citizen citizen) {
        Object pending = session.getAttribute(PendingConsent.ATTRIBUTE);
        return pending instanceof PendingConsent p && p.actingPid().equals(citizen.pid())
                && p.representedPid().equals(citizen.actsFor()) ? p : null;
    }

    private static ScopeChoice choice(ApiScope scope, String language, String represented, Set<String> approved) {
        ApiScope.Text text = scope.text(language).about(represented);
        return new ScopeChoice(scope.name(), text.title(), text.description(), approved.contains(scope.name()));
    }
}
