package no.portvakt.registry.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page needs to know of the administrator: signed in, and allowed to change things. */
@ControllerAdvice(assignableTypes = {ConsoleController.class, ConsolePages.class})
class ConsoleModel {

    @ModelAttribute("signedIn")
    boolean signedIn() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof AdministratorAuthentication;
    }

    /** A partner's staff on the partner page (not an administrator). */
    @ModelAttribute("staff")
    boolean staff() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof AdministratorAuthentication a
                && a.partnerId() != null;
    }

    @ModelAttribute("canChange")
    boolean canChange() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof AdministratorAuthentication && authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + AdministratorAuthentication.ADMIN));
    }
}
