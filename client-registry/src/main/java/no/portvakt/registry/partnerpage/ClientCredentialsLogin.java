package no.portvakt.registry.partnerpage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import no.portvakt.registry.Client;
import no.portvakt.registry.store.ClientRegistry;
import no.portvakt.registry.SecretHash;
import no.portvakt.registry.console.AdministratorAuthentication;
import no.portvakt.registry.console.ConsoleLoginFilter;
import no.portvakt.registry.throttle.FailedAuthentications;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The partner page's second login ({@code POST /partner/login/client}): a client's own client_id and secret, as
 * the token endpoint would take them. The session then sees that one client only (its registration, a new secret,
 * new keys), never its partner's others. Only a trusted client (approved, its partner with an agreement and not
 * suspended) whose secret has not expired gets in; a wrong answer says only that the login failed. A client with
 * keys instead of a secret (private_key_jwt) has its partner's staff log in with an account. Failures are throttled
 * as the token endpoint's are, and counted with them: a blocked client or address is refused here too, and told
 * only that the login failed.
 */
public final class ClientCredentialsLogin extends AbstractAuthenticationProcessingFilter {

    public static final String PATH = ConsoleLoginFilter.PARTNER_LOGIN_PAGE + "/client";

    private final ClientRegistry registry;
    private final Clock clock;
    private final FailedAuthentications failures;

    public ClientCredentialsLogin(ClientRegistry registry, Clock clock, FailedAuthentications failures) {
        super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
        this.registry = registry;
        this.clock = clock;
        this.failures = failures;
        ConsoleLoginFilter.startsSession(this);
        setAuthenticationSuccessHandler(new SimpleUrlAuthenticationSuccessHandler("/partner"));
        setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(
                ConsoleLoginFilter.PARTNER_LOGIN_PAGE + "?error"));
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
        String clientId = request.getParameter("client_id");
        String secret = request.getParameter("client_secret");
        if (failures.blocked(clientId, request.getRemoteAddr()).isPresent()) {
            throw new BadCredentialsException("too many failed logins of this client or from this address");
        }
        Client client = clientId == null || clientId.length() > 100 || secret == null ? null
                : registry.findClient(clientId.strip()).orElse(null);
        if (client == null || !client.trusted() || client.secretSha256() == null
                || (client.secretExpiresAt() != null && !client.secretExpiresAt().isAfter(clock.instant()))
                || !SecretHash.matches(secret, client.secretSha256())) {
            failures.failed(clientId, request.getRemoteAddr());
            throw new BadCredentialsException("unknown client, not trusted, or a wrong or expired secret");
        }
        return AdministratorAuthentication.ofClient(client.partnerId(), client.clientId());
    }
}
