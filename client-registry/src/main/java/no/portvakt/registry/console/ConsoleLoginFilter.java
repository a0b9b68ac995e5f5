package no.portvakt.registry.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.http.HttpMethod;

/**
 * The login of the console ({@code POST /console/login}, administrators and auditors) and of the partner page
 * ({@code POST /partner/login}, partners' staff): username, password and a TOTP code, all three every time (no
 * account without a second factor). A wrong answer says only that the login failed; five in a row lock the
 * account for 15 minutes; a code already used is refused (RFC 6238 §5.2). Each login takes only its own roles.
 */
public final class ConsoleLoginFilter extends AbstractAuthenticationProcessingFilter {

    public static final String LOGIN_PAGE = "/console/login";
    public static final String PARTNER_LOGIN_PAGE = "/partner/login";

    private final Administrators administrators;
    private final Clock clock;
    private final java.util.Set<String> roles;

    /** The console's login. */
    public static ConsoleLoginFilter console(Administrators administrators, Clock clock) {
        return new ConsoleLoginFilter(administrators, clock, LOGIN_PAGE, "/console", java.util.Set.of("admin",
                "auditor"));
    }

    /** The partner page's login. */
    public static ConsoleLoginFilter partnerPage(Administrators administrators, Clock clock) {
        return new ConsoleLoginFilter(administrators, clock, PARTNER_LOGIN_PAGE, "/partner",
                java.util.Set.of("partner"));
    }

    private ConsoleLoginFilter(Administrators administrators, Clock clock, String loginPage, String home,
                               java.util.Set<String> roles) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, loginPage));
        this.administrators = administrators;
        this.clock = clock;
        this.roles = roles;
        startsSession(this);
        setAuthenticationSuccessHandler(new SimpleUrlAuthenticationSuccessHandler(home));
        setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(loginPage + "?error"));
    }

    /** A new session id at login (session fixation), and the login kept in the (JDBC) session. */
    public static void startsSession(AbstractAuthenticationProcessingFilter login) {
        login.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        login.setSecurityContextRepository(new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        String code = request.getParameter("code");
        Optional<Administrators.Account> found = username == null || username.length() > 100 ? Optional.empty()
                : administrators.account(username.strip());
        if (found.isEmpty() || !roles.contains(found.get().role())) {
            throw new BadCredentialsException("unknown account");
        }
        Administrators.Account account = found.get();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(clock.instant())) {
            throw new BadCredentialsException("locked");
        }
        OptionalLong step = Totp.verify(account.totpSecret(), code == null ? null : code.strip(), clock.instant());
        if (!administrators.passwordMatches(account, password) || step.isEmpty()
                || !administrators.succeeded(account.username(), step.getAsLong())) {
            administrators.failed(account.username());
            throw new BadCredentialsException("wrong password, code, or a code used before");
        }
        return new AdministratorAuthentication(account.username(), account.role(), account.partnerId());
    }
}
