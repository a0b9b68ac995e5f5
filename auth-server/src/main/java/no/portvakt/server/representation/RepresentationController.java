package no.portvakt.server.representation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import no.portvakt.representation.Representation;
import no.portvakt.server.authorize.CitizenPageFirst;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.ui.error.OAuthErrorPage;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The choice of whom to act for, after login and whenever the citizen wants to switch ({@code representation.html}).
 * A citizen with nobody to represent never sees the page: they act for themself. The choice is kept in the session
 * (in the {@link Citizen}), and every token minted afterwards carries it; then the citizen goes on to where they
 * were going (an authorization request, say) or to their page.
 */
@Controller
@RequestMapping(RepresentationController.PATH)
public class RepresentationController {

    public static final String PATH = "/representation";

    private final ActingContext acting;
    private final RefusedRepresentations refused;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    RepresentationController(ActingContext acting, RefusedRepresentations refused) {
        this.acting = acting;
        this.refused = refused;
    }

    @GetMapping
    String page(@AuthenticationPrincipal Citizen citizen, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        List<Representation> options = acting.options(citizen);
        if (options.size() == 1 && acting.current(citizen).isEmpty()) {
            return "redirect:" + choose(citizen, options.get(0), request, response);
        }
        model.addAttribute("options", options);
        model.addAttribute("current", acting.current(citizen).map(r -> r.represented().pid()).orElse(null));
        return "representation";
    }

    @PostMapping
    String choose(@AuthenticationPrincipal Citizen citizen, @RequestParam(required = false) String pid,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Representation> chosen = pid == null ? Optional.empty() : acting.check(citizen, pid);
        if (chosen.isEmpty()) {
            // Only a forged or stale form names someone not on the page: refuse it, and keep a record.
            refused.record(citizen, pid);
            OAuthErrorPage.remember(request, "representation_refused", null);
            response.sendError(HttpStatus.FORBIDDEN.value());
            return null;
        }
        return "redirect:" + choose(citizen, chosen.get(), request, response);
    }

    /** Keeps the choice in the session; answers where the citizen goes next. */
    private String choose(Citizen citizen, Representation representation, HttpServletRequest request,
                          HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CitizenAuthentication(citizen.actingFor(representation.represented().pid())));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return CitizenPageFirst.continueUrl(request, response);
    }
}
