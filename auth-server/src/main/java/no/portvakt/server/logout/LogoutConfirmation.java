package no.portvakt.server.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * OIDC RP-Initiated Logout 1.0 §2: when a logout request's {@code id_token_hint} is not of the login in this
 * browser, the citizen logged in here is asked whether to log out. Only this browser's own session can end here;
 * the hinted one never does. The pending request (the service's name, where to go afterwards) waits in the
 * session.
 */
@Controller
public class LogoutConfirmation {

    static final String PAGE = "/logout/confirm";
    private static final String PENDING = LogoutConfirmation.class.getName() + ".pending";

    /** What the citizen is asked about: which service asked, and where the browser goes after (may be null). */
    record Pending(String clientName, String target) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final SessionEnd sessionEnd;

    LogoutConfirmation(SessionEnd sessionEnd) {
        this.sessionEnd = sessionEnd;
    }

    static void ask(HttpServletRequest request, String clientName, String target) {
        request.getSession().setAttribute(PENDING, new Pending(clientName, target));
    }

    @GetMapping(PAGE)
    String page(HttpSession session, Model model) {
        if (!(session.getAttribute(PENDING) instanceof Pending pending)) {
            return "redirect:/";
        }
        model.addAttribute("clientName", pending.clientName());
        return "logout-confirm";
    }

    @PostMapping(PAGE)
    void confirm(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        Object pending = request.getSession().getAttribute(PENDING);
        String target = pending instanceof Pending p && p.target() != null ? p.target()
                : request.getContextPath() + "/login?logout";
        if (authentication instanceof CitizenAuthentication citizen) {
            sessionEnd.leave(request, response, citizen.citizen(), target);
        } else {
            response.sendRedirect(target);
        }
    }
}
