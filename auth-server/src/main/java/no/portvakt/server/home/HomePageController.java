package no.portvakt.server.home;

import java.util.Optional;
import no.portvakt.representation.Representation;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.representation.ActingContext;
import no.portvakt.server.representation.RepresentationController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The citizen's page ({@code index.html}): who is logged in, whom they act for, the way to switch, and the partner
 * services they can go on to without logging in again.
 */
@Controller
class HomePageController {

    private final ActingContext acting;
    private final PartnerServices services;

    HomePageController(ActingContext acting, PartnerServices services) {
        this.acting = acting;
        this.services = services;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal Citizen citizen, Model model) {
        Optional<Representation> current = acting.current(citizen);
        if (current.isEmpty()) {
            return "redirect:" + RepresentationController.PATH;
        }
        model.addAttribute("name", citizen.name() == null ? citizen.pid() : citizen.name());
        model.addAttribute("pid", citizen.pid());
        model.addAttribute("acr", citizen.acr());
        model.addAttribute("amr", String.join(", ", citizen.amr()));
        model.addAttribute("acting", current.get());
        model.addAttribute("canSwitch", acting.options(citizen).size() > 1);
        model.addAttribute("services", services.linksFor(citizen.pid()));
        return "index";
    }
}
