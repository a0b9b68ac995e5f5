package no.portvakt.server.keys;

import no.portvakt.registry.console.ConsolePages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signing keys in the admin console: which key signs, which are published, and rotation (confirmed). */
@Controller
class SigningKeysConsoleController implements ConsolePages {

    private final SigningKeys keys;

    SigningKeysConsoleController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/console/keys")
    String page(Model model) {
        model.addAttribute("active", keys.activeKey().getKeyID());
        model.addAttribute("published", keys.publishedKeys().stream().map(k -> k.getKeyID()).toList());
        return "console/keys";
    }

    @PostMapping("/console/keys/rotation")
    String rotate(@RequestParam(required = false) String confirm, RedirectAttributes result) {
        if (confirm == null) {
            result.addFlashAttribute("problem", "console.error.confirm");
        } else if (keys.rotate(true) == SigningKeys.RotationResult.ROTATED) {
            result.addFlashAttribute("done", "console.done.rotated");
        } else {
            result.addFlashAttribute("problem", "console.error.rotation");
        }
        return "redirect:/console/keys";
    }
}
