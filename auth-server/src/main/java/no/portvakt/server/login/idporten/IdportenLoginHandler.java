package no.portvakt.server.login.idporten;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.portvakt.representation.Fodselsnummer;
import no.portvakt.representation.Person;
import no.portvakt.server.citizen.PersonDirectory;
import no.portvakt.server.login.Assurance;
import no.portvakt.server.login.Citizen;
import no.portvakt.server.login.CitizenAuthentication;
import no.portvakt.server.login.CitizenLoginSuccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Turns ID-porten's ID token (already validated by Spring Security: signature, iss, aud, exp, nonce) into the
 * same {@link CitizenAuthentication} TestID yields, after Portvakt's own checks: a valid {@code pid}, and an
 * {@code acr} at least as strong as the level asked for (ID-porten: "a client must check acr").
 */
public final class IdportenLoginHandler implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(IdportenLoginHandler.class);

    private final PersonDirectory persons;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final AuthenticationSuccessHandler next = new CitizenLoginSuccess();
    private final IdportenLogout logout;

    public IdportenLoginHandler(PersonDirectory persons, IdportenLogout logout) {
        this.persons = persons;
        this.logout = logout;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        OidcIdToken idToken = ((OidcUser) authentication.getPrincipal()).getIdToken();
        Object required = request.getSession().getAttribute(IdportenRequests.REQUIRED_ACR);
        String pid = idToken.getClaimAsString("pid");
        String acr = idToken.getClaimAsString("acr");
        if (!Fodselsnummer.isValid(pid) || !Assurance.satisfies(acr, String.valueOf(required))) {
            log.warn("Refused an ID-porten login: pid valid {}, acr {} where {} was asked for",
                    Fodselsnummer.isValid(pid), acr, required);
            SecurityContextHolder.clearContext();
            request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            response.sendRedirect(request.getContextPath() + "/login?error=upstream");
            return;
        }
        Person person = persons.person(pid).orElse(null);
        List<String> amr = idToken.getClaimAsStringList("amr");
        Instant authTime = idToken.getAuthenticatedAt() != null ? idToken.getAuthenticatedAt() : Instant.now();
        Citizen citizen = new Citizen(pid, person == null ? null : person.givenName(),
                person == null ? null : person.familyName(), acr, amr == null ? List.of() : amr, authTime,
                UUID.randomUUID().toString());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CitizenAuthentication(citizen));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().removeAttribute(IdportenRequests.REQUIRED_ACR);
        logout.remember(request, citizen, idToken);
        next.onAuthenticationSuccess(request, response, context.getAuthentication());
    }
}
