package no.portvakt.server.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import no.portvakt.server.citizen.PersonDirectory;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/** {@code POST /login/testid}: the TestID form. A radio choice or a typed number; the typed one wins. */
public final class TestIdAuthenticationFilter extends AbstractAuthenticationProcessingFilter {

    public static final String PATH = "/login/testid";
    /** The number typed in, on the login page after a failed attempt (a flash attribute: that page only). */
    static final String TYPED = "typedPid";
    private static final int MAX_TYPED = 11;

    public TestIdAuthenticationFilter(PersonDirectory persons, Clock clock) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH),
                new ProviderManager(new TestIdAuthenticationProvider(persons, clock)));
        // A new session id at login (session fixation), and the login kept in the (JDBC) session.
        setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        setSecurityContextRepository(new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
        setAuthenticationSuccessHandler(new CitizenLoginSuccess());
        SessionFlashMapManager flash = new SessionFlashMapManager();
        setAuthenticationFailureHandler((request, response, exception) -> {
            String code = exception instanceof LoginFailure failure ? failure.code() : "invalid_pid";
            String login = request.getContextPath() + "/login";
            // The citizen sees their typo in the field again; a fødselsnummer never goes into a URL.
            String typed = request.getParameter("pidOther");
            if (typed != null && !typed.isBlank()) {
                FlashMap shown = new FlashMap();
                shown.put(TYPED, typed.strip().substring(0, Math.min(typed.strip().length(), MAX_TYPED)));
                shown.setTargetRequestPath(login);
                flash.saveOutputFlashMap(shown, request, response);
            }
            response.sendRedirect(login + "?error=" + code);
        });
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
        String typed = request.getParameter("pidOther");
        String pid = typed != null && !typed.isBlank() ? typed : request.getParameter("pid");
        return getAuthenticationManager().authenticate(new TestIdLoginRequest(pid, request.getParameter("acr")));
    }
}
