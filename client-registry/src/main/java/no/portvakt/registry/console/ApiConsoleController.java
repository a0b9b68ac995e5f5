package no.portvakt.registry.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.PartnerApi;
import no.portvakt.registry.store.RegistryAdministration;
import no.portvakt.registry.bootstrap.BootstrapException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's API pages: a partner's new API, changing one (name, token lifetime, scopes with their texts for
 * citizens, which client may ask for which scope), and deleting one. The form stands for the bootstrap file's API
 * fields ({@link ApiForm}) and goes through the same rules ({@link RegistryAdministration}); a bad field re-shows
 * the form with what was typed and the problem. An API is named by its resource, a URI, so it is a parameter.
 */
@Controller
class ApiConsoleController implements ConsolePages {

    private static final String LIST = "/console/apis";

    private final ClientRegistry registry;
    private final RegistryAdministration administration;

    ApiConsoleController(ClientRegistry registry, RegistryAdministration administration) {
        this.registry = registry;
        this.administration = administration;
    }

    @GetMapping("/console/partners/{id}/apis/new")
    String newApi(@PathVariable String id, Model model) {
        if (registry.findPartner(id).isEmpty()) {
            return "redirect:/console?missing";
        }
        return form(model, id, null, Map.of());
    }

    @PostMapping("/console/partners/{id}/apis")
    String addApi(@PathVariable String id, @RequestParam Map<String, String> form, Model model,
                  HttpServletResponse response, RedirectAttributes result) {
        if (registry.findPartner(id).isEmpty()) {
            return "redirect:/console?missing";
        }
        try {
            RegistryAdministration.ApiAdded added = administration.addApi(actor(), id, ApiForm.entry(form));
            if (added.outcome() == RegistryAdministration.Outcome.DONE) {
                return ConsoleController.done(result, LIST, "console.done.apiCreated");
            }
            model.addAttribute("problemText", "resource: '" + added.resource() + "' exists");
        } catch (BootstrapException e) {
            model.addAttribute("problemText", problem(e));
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return form(model, id, null, form);
    }

    @GetMapping(LIST + "/edit")
    String editApi(@RequestParam(required = false) String resource, Model model) {
        Optional<PartnerApi> api = find(resource);
        if (api.isEmpty()) {
            return "redirect:" + LIST + "?missing";
        }
        model.addAttribute("tooManyScopes", api.get().scopes().size() >= ApiForm.MAX_ROWS);
        return form(model, api.get().partnerId(), resource, ApiForm.of(api.get()));
    }

    /** The API is named by the form's (read-only) resource field. */
    @PostMapping(LIST + "/edit")
    String replaceApi(@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                      RedirectAttributes result) {
        String resource = form.get("resource");
        Optional<PartnerApi> before = find(resource);
        if (before.isEmpty()) {
            return "redirect:" + LIST + "?missing";
        }
        try {
            administration.replaceApi(actor(), before.get(), ApiForm.entry(form));
            return ConsoleController.done(result, LIST, "console.done.apiChanged");
        } catch (BootstrapException e) {
            model.addAttribute("problemText", problem(e));
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return form(model, before.get().partnerId(), resource, form);
    }

    /** Destructive: the box must be ticked. Tokens already issued for the API live out their few minutes. */
    @PostMapping(LIST + "/deletion")
    String deleteApi(@RequestParam(required = false) String resource,
                     @RequestParam(required = false) String confirm, RedirectAttributes result) {
        if (find(resource).isEmpty()) {
            return "redirect:" + LIST + "?missing";
        }
        if (confirm == null) {
            result.addAttribute("resource", resource);
            return ConsoleController.problem(result, LIST + "/edit", "console.error.confirm");
        }
        administration.deleteApi(actor(), resource);
        return ConsoleController.done(result, LIST, "console.done.apiDeleted");
    }

    private Optional<PartnerApi> find(String resource) {
        return resource == null ? Optional.empty() : registry.findApi(resource);
    }

    private static String form(Model model, String partnerId, String editing, Map<String, String> form) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("rows", ApiForm.rows(form));
        return "console/api-form";
    }

    /** The rules' message without the "request: " of a file name: where in the API, which field, what. */
    private static String problem(BootstrapException e) {
        return e.getMessage().replaceFirst("^request: ", "");
    }

    private static String actor() {
        return AdministratorAuthentication.signedIn().actor();
    }
}
