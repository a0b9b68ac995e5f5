package no.portvakt.registry.partnerpage;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.store.RegistryAdministration;
import no.portvakt.registry.RegistryViews;
import no.portvakt.registry.SecretHash;
import no.portvakt.registry.bootstrap.BootstrapException;
import no.portvakt.registry.bootstrap.Entry;
import no.portvakt.registry.bootstrap.PartnerSection;
import no.portvakt.registry.console.AdministratorAuthentication;
import no.portvakt.registry.console.ConsoleLoginFilter;
import no.portvakt.registry.console.ConsolePages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner page ({@code templates/partner/}): a partner's staff see their own clients and their state, read a
 * client's registration, rotate its secret (the new one shown once, the old one dead at once) and upload a new
 * JWK set (checked as the registry checks every one). Another partner's client is not found. Every change is in
 * the change trail as {@code partner:<partner>:<username>}.
 */
@Controller
class PartnerPageController implements ConsolePages {


    private final ClientRegistry registry;
    private final RegistryAdministration administration;

    PartnerPageController(ClientRegistry registry, RegistryAdministration administration) {
        this.registry = registry;
        this.administration = administration;
    }

    @GetMapping(ConsoleLoginFilter.PARTNER_LOGIN_PAGE)
    String login(@RequestParam(required = false) String error, Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("loginAction", ConsoleLoginFilter.PARTNER_LOGIN_PAGE);
        model.addAttribute("clientLoginAction", ClientCredentialsLogin.PATH);
        model.addAttribute("titleKey", "partner.login.title");
        return "console/login";
    }

    @GetMapping("/partner")
    String clients(Model model) {
        String partnerId = staff().partnerId();
        model.addAttribute("partner", registry.findPartner(partnerId).orElseThrow());
        model.addAttribute("clients", registry.clientsOf(partnerId).stream().filter(this::visible).toList());
        return "partner/clients";
    }

    @GetMapping("/partner/clients/{clientId}")
    String client(@PathVariable String clientId, Model model, HttpServletResponse response) {
        Optional<Client> client = own(clientId);
        if (client.isEmpty()) {
            return notFound(response);
        }
        model.addAttribute("client", client.get());
        model.addAttribute("metadata", RegistryViews.of(client.get()));
        return "partner/client";
    }

    @PostMapping("/partner/clients/{clientId}/secret")
    String rotateSecret(@PathVariable String clientId, @RequestParam(required = false) String confirm, Model model,
                        HttpServletResponse response) {
        Optional<Client> client = own(clientId);
        if (client.isEmpty() || client.get().secretSha256() == null) {
            return notFound(response);
        }
        if (confirm == null) {
            return again(client.get(), model, "console.error.confirm", null);
        }
        String secret = SecretHash.generate();
        Instant expires = Instant.now().plus(SecretHash.SECRET_LIFETIME);
        administration.replaceSecret(staff().actor(), client.get(), SecretHash.sha256Hex(secret), expires);
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("client", client.get());
        model.addAttribute("secret", secret);
        model.addAttribute("expires", expires);
        return "partner/secret";
    }

    @PostMapping("/partner/clients/{clientId}/jwks")
    String uploadJwks(@PathVariable String clientId, @RequestParam(required = false) String jwks, Model model,
                      HttpServletResponse response) {
        Optional<Client> client = own(clientId);
        if (client.isEmpty()) {
            return notFound(response);
        }
        String checked;
        try {
            Entry entry = Entry.of("upload", "client", Map.of("jwks", jwks == null ? "" : jwks));
            checked = PartnerSection.jwks(entry, jwks == null || jwks.isBlank() ? "{}" : jwks);
        } catch (BootstrapException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return again(client.get(), model, null, e.problem());
        }
        if (client.get().jwksUri() != null || client.get().jwks() == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return again(client.get(), model, "partner.error.noInlineKeys", null);
        }
        administration.replaceJwks(staff().actor(), client.get(), checked);
        return again(registry.findClient(clientId).orElseThrow(), model, null, null, "partner.done.jwks");
    }

    private String again(Client client, Model model, String problemKey, String problemText) {
        return again(client, model, problemKey, problemText, null);
    }

    private String again(Client client, Model model, String problemKey, String problemText, String doneKey) {
        model.addAttribute("client", client);
        model.addAttribute("metadata", RegistryViews.of(client));
        model.addAttribute("problem", problemKey);
        model.addAttribute("problemText", problemText);
        model.addAttribute("done", doneKey);
        return "partner/client";
    }

    /**
     * The client when it belongs to the logged-in staff's partner, and is the one client of a client-credentials
     * login; any other is not found.
     */
    private Optional<Client> own(String clientId) {
        return registry.findClient(clientId).filter(this::visible);
    }

    private boolean visible(Client client) {
        AdministratorAuthentication staff = staff();
        return client.partnerId().equals(staff.partnerId())
                && (staff.clientId() == null || staff.clientId().equals(client.clientId()));
    }

    private static String notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "partner/not-found";
    }

    private static AdministratorAuthentication staff() {
        return AdministratorAuthentication.signedIn();
    }
}
