package no.portvakt.server.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.login.idporten.IdportenLogout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The portal's own logout ({@code POST /logout}, a form with its CSRF token), and ID-porten's two ways of ending a
 * login: the browser coming back from ID-porten's logout, and ID-porten's back-channel logout token.
 */
@Controller
class PortalLogout {

    private final SessionEnd sessionEnd;
    private final ObjectProvider<IdportenLogout> idporten;

    PortalLogout(SessionEnd sessionEnd, ObjectProvider<IdportenLogout> idporten) {
        this.sessionEnd = sessionEnd;
        this.idporten = idporten;
    }

    @PostMapping("/logout")
    void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        String target = request.getContextPath() + "/login?logout";
        if (authentication instanceof CitizenAuthentication citizen) {
            sessionEnd.leave(request, response, citizen.citizen(), target);
        } else {
            response.sendRedirect(target);
        }
    }

    @GetMapping(IdportenLogout.RETURN_PATH)
    String returnedFromIdporten(HttpServletRequest request, @RequestParam(required = false) String state) {
        IdportenLogout logout = idporten.getIfAvailable();
        return "redirect:" + (logout == null ? "/login?logout" : logout.returned(request.getSession(false), state));
    }

    /** OIDC Back-Channel Logout 1.0 §2.5 and §2.8: 200 when taken, 400 with an error for a bad token. */
    @PostMapping(IdportenLogout.BACKCHANNEL_PATH)
    @ResponseBody
    ResponseEntity<Map<String, String>> backChannelFromIdporten(
            @RequestParam(name = "logout_token", required = false) String logoutToken) {
        IdportenLogout logout = idporten.getIfAvailable();
        if (logout == null || logoutToken == null) {
            return refused("a logout_token from ID-porten is required");
        }
        Map<String, String> ended;
        try {
            ended = logout.loginsEndedBy(logoutToken);
        } catch (IllegalArgumentException e) {
            return refused(e.getMessage());
        }
        ended.forEach((sid, pid) -> sessionEnd.end(pid, sid));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    private static ResponseEntity<Map<String, String>> refused(String description) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).cacheControl(CacheControl.noStore())
                .body(Map.of("error", "invalid_request", "error_description", description));
    }
}
