package no.portvakt.registry.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.Partner;
import no.portvakt.registry.RegistryAudit;
import no.portvakt.registry.store.RegistryAdministration;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.registry.bootstrap.PartnerSection;
import no.portvakt.registry.dcr.ClientRegistrationController;
import no.portvakt.registry.store.InitialAccessTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin console's pages (templates under {@code console/}): partners and their clients with a search, a
 * partner's page (suspend, lift), pending approvals, and the change trail. Every change goes through
 * {@link RegistryAdministration}, so it is audited as {@code console:<username>}; a destructive one needs its
 * confirmation box ticked, else the page comes back with a message. Auditors see the same pages without forms
 * (and the chain refuses their POSTs).
 */
@Controller
class ConsoleController {

    private final ClientRegistry registry;
    private final RegistryAdministration administration;
    private final RegistryAudit audit;
    private final String issuer;

    ConsoleController(ClientRegistry registry, RegistryAdministration administration, RegistryAudit audit,
                      @Value("${portvakt.issuer}") String issuer) {
        this.issuer = issuer;
        this.registry = registry;
        this.administration = administration;
        this.audit = audit;
    }

    @GetMapping(ConsoleLoginFilter.LOGIN_PAGE)
    String login(@RequestParam(required = false) String error, Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("passkeyFailed", "passkey".equals(error));
        model.addAttribute("loginAction", ConsoleLoginFilter.LOGIN_PAGE);
        model.addAttribute("passkeyOptions", Passkeys.LOGIN_OPTIONS);
        model.addAttribute("passkeyLogin", Passkeys.LOGIN);
        model.addAttribute("titleKey", "console.login.title");
        return "console/login";
    }

    @GetMapping("/console")
    String partners(@RequestParam(required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        List<Partner> partners = query.isEmpty() ? registry.partners()
                : registry.searchPartners(query.substring(0, Math.min(query.length(), 100)));
        model.addAttribute("q", query);
        model.addAttribute("partners", partners);
        model.addAttribute("pending", registry.pendingClients().size());
        return "console/partners";
    }

    @GetMapping("/console/partners/new")
    String newPartner(Model model) {
        model.addAttribute("form", Map.of());
        return "console/new-partner";
    }

    /** A new partner; a bad field re-shows the form with what was typed and the field's problem. */
    @PostMapping("/console/partners")
    String addPartner(@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                      RedirectAttributes result) {
        try {
            Partner partner = PartnerSection.partner(Entry.of("form", "partner", partnerEntry(form)));
            if (administration.addPartner(actor(), partner) == RegistryAdministration.Outcome.DONE) {
                return done(result, "/console/partners/" + partner.id(), "console.done.created");
            }
            model.addAttribute("problemField", "id");
            model.addAttribute("problemText", "'" + partner.id() + "' exists");
        } catch (BootstrapException e) {
            model.addAttribute("problemField", e.field());
            model.addAttribute("problemText", e.problem());
        }
        model.addAttribute("form", form);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return "console/new-partner";
    }

    @GetMapping("/console/partners/{id}/edit")
    String editPartner(@PathVariable String id, Model model) {
        Partner partner = registry.findPartner(id).orElse(null);
        if (partner == null) {
            return "redirect:/console?missing";
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id", partner.id());
        form.put("name", partner.name());
        form.put("organisation_number", partner.organisationNumber());
        form.put("contact_name", partner.contactName());
        form.put("contact_email", partner.contactEmail());
        form.put("agreement_signed_on", partner.agreementSignedOn() == null ? null
                : partner.agreementSignedOn().toString());
        model.addAttribute("form", form);
        model.addAttribute("editing", id);
        return "console/new-partner";
    }

    /** Changes a partner's name, organisation number, contact or agreement; its id and suspension stay. */
    @PostMapping("/console/partners/{id}")
    String updatePartner(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                         HttpServletResponse response, RedirectAttributes result) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("id", id);
        try {
            Partner partner = PartnerSection.partner(Entry.of("form", "partner", partnerEntry(fields)));
            if (administration.replacePartner(actor(), partner) == RegistryAdministration.Outcome.NOT_FOUND) {
                return "redirect:/console?missing";
            }
            return done(result, "/console/partners/" + id, "console.done.partnerChanged");
        } catch (BootstrapException e) {
            model.addAttribute("problemField", e.field());
            model.addAttribute("problemText", e.problem());
        }
        model.addAttribute("form", fields);
        model.addAttribute("editing", id);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return "console/new-partner";
    }

    /** The partner form's fields, as the registry's rules read a partner entry. */
    private static Map<String, Object> partnerEntry(Map<String, String> form) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (String field : List.of("id", "name", "organisation_number", "agreement_signed_on")) {
            putIfText(entry, field, form.get(field));
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        putIfText(contact, "name", form.get("contact_name"));
        putIfText(contact, "email", form.get("contact_email"));
        if (!contact.isEmpty()) {
            entry.put("contact", contact);
        }
        return entry;
    }

    /**
     * An initial access token for the partner's own registration of a client (RFC 7591 §3), shown once on a page
     * that is not cached; the partner gets it out of band.
     */
    @PostMapping("/console/partners/{id}/initial-access-tokens")
    String initialAccessToken(@PathVariable String id, @RequestParam(required = false) String days, Model model,
                              HttpServletResponse response, RedirectAttributes result) {
        int lifetime = days == null || !days.matches("[0-9]{1,2}") ? 0 : Integer.parseInt(days);
        if (lifetime < 1 || lifetime > InitialAccessTokens.MAX_LIFETIME.toDays()) {
            return problem(result, "/console/partners/" + id, "console.error.days");
        }
        return administration.issueInitialAccessToken(actor(), id, java.time.Duration.ofDays(lifetime))
                .map(token -> {
                    response.setHeader("Cache-Control", "no-store");
                    model.addAttribute("partnerId", id);
                    model.addAttribute("token", token);
                    model.addAttribute("days", lifetime);
                    model.addAttribute("registrationEndpoint", issuer + ClientRegistrationController.PATH);
                    return "console/initial-access-token";
                }).orElse("redirect:/console?missing");
    }

    @GetMapping("/console/partners/{id}/clients/new")
    String newClient(@PathVariable String id, Model model) {
        model.addAttribute("partnerId", id);
        model.addAttribute("form", Map.of());
        model.addAttribute("grants", List.of());
        return "console/new-client";
    }

    /**
     * A new client for the partner, approved at once (an administrator made it), checked by the bootstrap file's
     * rules; a generated secret is shown once. A bad field re-shows the form with the problem.
     */
    @PostMapping("/console/partners/{id}/clients")
    String addClient(@PathVariable String id, @RequestParam Map<String, String> form,
                     @RequestParam(name = "grant_types", required = false) List<String> grants, Model model,
                     HttpServletResponse response) {
        if (registry.findPartner(id).isEmpty()) {
            return "redirect:/console?missing";
        }
        try {
            RegistryAdministration.Created created = administration.addClient(actor(), id, clientEntry(form, grants));
            if (created.outcome() == RegistryAdministration.Outcome.DONE) {
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("client", registry.findClient(created.client().clientId()).orElseThrow());
                model.addAttribute("secret", created.secret());
                return "console/client-created";
            }
            model.addAttribute("problemField", "client_id");
            model.addAttribute("problemText", "'" + created.client().clientId() + "' exists");
        } catch (BootstrapException e) {
            model.addAttribute("problemField", e.field());
            model.addAttribute("problemText", e.problem());
        }
        model.addAttribute("partnerId", id);
        model.addAttribute("form", form);
        model.addAttribute("grants", grants == null ? List.of() : grants);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return "console/new-client";
    }

    @GetMapping("/console/clients/{clientId}/edit")
    String editClient(@PathVariable String clientId, Model model) {
        Client client = registry.findClient(clientId).orElse(null);
        if (client == null) {
            return "redirect:/console?missing";
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", client.clientId());
        form.put("client_name", client.clientName());
        form.put("auth_method", client.authMethod().value());
        form.put("redirect_uris", String.join("\n", client.redirectUris()));
        form.put("post_logout_redirect_uris", String.join("\n", client.postLogoutRedirectUris()));
        form.put("scopes", String.join(" ", client.scopes()));
        form.put("jwks", client.jwks() == null ? "" : client.jwks());
        form.put("jwks_uri", client.jwksUri() == null ? "" : client.jwksUri());
        form.put("access_token_ttl", client.accessTokenTtl().toSeconds() + "s");
        form.put("refresh_token_ttl", client.refreshTokenTtl().toSeconds() + "s");
        flag(form, "require_par", client.requirePar());
        flag(form, "require_dpop", client.requireDpop());
        flag(form, "introspection", client.introspectionAllowed());
        if (client.service() != null) {
            form.put("initiate_login_uri", client.service().initiateLoginUri());
            form.put("target_link_uri", client.service().targetLinkUri());
        }
        form.put("logout", client.logout().shared() ? "shared" : "independent");
        if (client.logout().backchannelLogoutUri() != null) {
            form.put("backchannel_logout_uri", client.logout().backchannelLogoutUri());
        }
        return editForm(model, client, form, List.copyOf(client.grantTypes()));
    }

    /**
     * Changes a client's registration to the form's fields, checked by the registry's rules; the secret stays;
     * approval stays. The change trail has the client before and after.
     */
    @PostMapping("/console/clients/{clientId}")
    String updateClient(@PathVariable String clientId, @RequestParam Map<String, String> form,
                        @RequestParam(name = "grant_types", required = false) List<String> grants, Model model,
                        HttpServletResponse response, RedirectAttributes result) {
        Client before = registry.findClient(clientId).orElse(null);
        if (before == null) {
            return "redirect:/console?missing";
        }
        try {
            administration.replaceClient(actor(), before, clientEntry(form, grants));
            return done(result, "/console/partners/" + before.partnerId(), "console.done.clientChanged");
        } catch (BootstrapException e) {
            model.addAttribute("problemField", e.field());
            model.addAttribute("problemText", e.problem());
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return editForm(model, before, form, grants == null ? List.of() : grants);
    }

    private static String editForm(Model model, Client client, Map<String, String> form, List<String> grants) {
        model.addAttribute("partnerId", client.partnerId());
        model.addAttribute("editing", client.clientId());
        model.addAttribute("form", form);
        model.addAttribute("grants", grants);
        return "console/new-client";
    }

    /** The form's fields, as the registry's rules read a client entry. */
    private static Map<String, Object> clientEntry(Map<String, String> form, List<String> grants) {
        Map<String, Object> entry = new LinkedHashMap<>();
        putIfText(entry, "client_id", form.get("client_id"));
        putIfText(entry, "client_name", form.get("client_name"));
        entry.put("auth_method", form.getOrDefault("auth_method", "client_secret_basic"));
        entry.put("grant_types", grants == null ? List.of() : grants);
        entry.put("redirect_uris", lines(form.get("redirect_uris")));
        entry.put("post_logout_redirect_uris", lines(form.get("post_logout_redirect_uris")));
        entry.put("scopes", words(form.get("scopes")));
        putIfText(entry, "jwks", form.get("jwks"));
        putIfText(entry, "jwks_uri", form.get("jwks_uri"));
        putIfText(entry, "access_token_ttl", form.get("access_token_ttl"));
        putIfText(entry, "refresh_token_ttl", form.get("refresh_token_ttl"));
        for (String flag : List.of("require_par", "require_dpop", "introspection")) {
            entry.put(flag, form.containsKey(flag));
        }
        putIfText(entry, "initiate_login_uri", form.get("initiate_login_uri"));
        putIfText(entry, "target_link_uri", form.get("target_link_uri"));
        putIfText(entry, "logout", form.get("logout"));
        putIfText(entry, "backchannel_logout_uri", form.get("backchannel_logout_uri"));
        return entry;
    }

    private static void flag(Map<String, String> form, String field, boolean set) {
        if (set) {
            form.put(field, "yes");
        }
    }

    @GetMapping("/console/partners/{id}")
    String partner(@PathVariable String id, Model model) {
        Partner partner = registry.findPartner(id).orElse(null);
        if (partner == null) {
            return "redirect:/console?missing";
        }
        model.addAttribute("partner", partner);
        model.addAttribute("clients", registry.clientsOf(id));
        model.addAttribute("changes", audit.changes("partner", id, 20));
        return "console/partner";
    }

    @PostMapping("/console/partners/{id}/suspension")
    String suspend(@PathVariable String id, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) String confirm, RedirectAttributes result) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            return problem(result, "/console/partners/" + id, "console.error.reason");
        }
        if (confirm == null) {
            return problem(result, "/console/partners/" + id, "console.error.confirm");
        }
        administration.suspend(actor(), id, reason.strip());
        return done(result, "/console/partners/" + id, "console.done.suspended");
    }

    @PostMapping("/console/partners/{id}/suspension/lift")
    String lift(@PathVariable String id, @RequestParam(required = false) String confirm, RedirectAttributes result) {
        if (confirm == null) {
            return problem(result, "/console/partners/" + id, "console.error.confirm");
        }
        administration.lift(actor(), id);
        return done(result, "/console/partners/" + id, "console.done.lifted");
    }

    @PostMapping("/console/clients/{clientId}/deletion")
    String delete(@PathVariable String clientId, @RequestParam(required = false) String confirm,
                  RedirectAttributes result) {
        Client client = registry.findClient(clientId).orElse(null);
        if (client == null) {
            return "redirect:/console?missing";
        }
        // Destructive: the administrator types the client_id to confirm, as in the partner's own deletion.
        if (!clientId.equals(confirm)) {
            return problem(result, "/console/clients/" + clientId + "/edit", "console.error.confirm-client-id");
        }
        administration.deleteClient(actor(), clientId);
        return done(result, "/console/partners/" + client.partnerId(), "console.done.deleted");
    }

    /** The APIs with their scopes (texts, consent, what they need) and grants, and the partner services. */
    @GetMapping("/console/apis")
    String apis(Model model) {
        model.addAttribute("apis", registry.apis());
        model.addAttribute("services", registry.services());
        return "console/apis";
    }

    @GetMapping("/console/clients/pending")
    String pending(Model model) {
        model.addAttribute("clients", registry.pendingClients());
        return "console/pending";
    }

    @PostMapping("/console/clients/{clientId}/approval")
    String approve(@PathVariable String clientId, @RequestParam(required = false) String confirm,
                   RedirectAttributes result) {
        if (confirm == null) {
            return problem(result, "/console/clients/pending", "console.error.confirm");
        }
        administration.approve(actor(), clientId);
        return done(result, "/console/clients/pending", "console.done.approved");
    }

    @GetMapping("/console/changes")
    String changes(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                   Model model) {
        model.addAttribute("changes", audit.changes(blankToNull(entity), blankToNull(id), 200));
        return "console/changes";
    }

    private static String actor() {
        return AdministratorAuthentication.signedIn().actor();
    }

    static String problem(RedirectAttributes result, String page, String messageKey) {
        result.addFlashAttribute("problem", messageKey);
        return "redirect:" + page;
    }

    static String done(RedirectAttributes result, String page, String messageKey) {
        result.addFlashAttribute("done", messageKey);
        return "redirect:" + page;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private static void putIfText(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
