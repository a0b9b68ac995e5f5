package no.demohelse.video;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** After login: the target_link_uri of a third-party-initiated login, else the page that asked, else the claims. */
final class AfterLogin extends SavedRequestAwareAuthenticationSuccessHandler {

    static final String TARGET = AfterLogin.class.getName() + ".target";
    static final String DEFAULT_TARGET = "/claims";

    AfterLogin() {
        setDefaultTargetUrl(DEFAULT_TARGET);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        HttpSession session = request.getSession();
        Object target = session.getAttribute(TARGET);
        if (target instanceof String path) {
            session.removeAttribute(TARGET);
            clearAuthenticationAttributes(request);
            getRedirectStrategy().sendRedirect(request, response, path);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
