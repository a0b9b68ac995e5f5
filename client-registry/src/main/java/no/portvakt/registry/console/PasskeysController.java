package no.portvakt.registry.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in account's own passkeys ({@code /console/passkeys}, administrators and auditors alike): the list,
 * adding one (the page's script runs the WebAuthn ceremony against {@link Passkeys}' filters) and removing one (a
 * plain form, confirmed with a tick).
 */
@Controller
class PasskeysController implements ConsolePages {

    private final Passkeys passkeys;

    PasskeysController(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @GetMapping(Passkeys.PAGE)
    String page(@RequestParam(required = false) String added, Model model) {
        model.addAttribute("passkeys", passkeys.of(AdministratorAuthentication.signedIn().getPrincipal()));
        model.addAttribute("registrationOptions", Passkeys.REGISTRATION_OPTIONS);
        model.addAttribute("registration", Passkeys.REGISTRATION);
        if (added != null) {
            model.addAttribute("done", "console.passkeys.added");
        }
        return "console/passkeys";
    }

    @PostMapping(Passkeys.PAGE + "/{id}/deletion")
    String remove(@PathVariable String id, @RequestParam(required = false) String confirm,
                  RedirectAttributes result) {
        AdministratorAuthentication account = AdministratorAuthentication.signedIn();
        if (confirm == null) {
            result.addFlashAttribute("problem", "console.error.confirm");
        } else if (passkeys.remove(account.getPrincipal(), id, account.actor())) {
            result.addFlashAttribute("done", "console.passkeys.removed");
        }
        return "redirect:" + Passkeys.PAGE;
    }
}
