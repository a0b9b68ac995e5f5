package no.portvakt.server.login;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * The end of every citizen login (TestID and ID-porten): the session is indexed by the login's {@code sid}, so
 * that whether a login's session is still alive is one indexed lookup in {@code spring_session} (token exchange
 * asks it, logout will); the citizen chooses whom to act for (the page lets those with nobody else through at
 * once), and goes back to the request that sent them to log in.
 */
public final class CitizenLoginSuccess implements AuthenticationSuccessHandler {

    /** The representation package's page (RepresentationController.PATH). */
    static final String CHOICE_PAGE = "/representation";

    private final AuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if (authentication instanceof CitizenAuthentication citizen) {
            request.getSession().setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                    citizen.citizen().sid());
            if (!citizen.citizen().hasChosen()) {
                response.sendRedirect(request.getContextPath() + CHOICE_PAGE); // the saved request stays saved
                return;
            }
        }
        next.onAuthenticationSuccess(request, response, authentication);
    }
}
