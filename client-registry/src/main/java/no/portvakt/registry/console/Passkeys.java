package no.portvakt.registry.console;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.portvakt.registry.RegistryAudit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsFilter;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.security.web.webauthn.registration.WebAuthnRegistrationFilter;
import org.springframework.stereotype.Component;

/**
 * Administrators' and auditors' passkeys (WebAuthn Level 3): Spring Security's WebAuthn filters, at the console's
 * own paths and in its filter chain. An account gets its first passkey after a password-and-TOTP login (the
 * passkeys page); from then on it may log in with either. User verification is required (§5.1.3 step 17 of the
 * registration, §7.2 step 17 of the login): the passkey is then two factors in one, the authenticator and the PIN
 * or biometric that unlocks it. The relying party's id is the issuer's host, its only allowed origin the issuer's.
 */
@Component
public class Passkeys {

    static final String PAGE = "/console/passkeys";
    public static final String LOGIN_OPTIONS = PAGE + "/login/options";
    public static final String LOGIN = PAGE + "/login";
    static final String REGISTRATION_OPTIONS = PAGE + "/registration/options";
    static final String REGISTRATION = PAGE + "/registration";

    private static final Set<String> CONSOLE_ROLES = Set.of("admin", "auditor");
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.RS256);
    private static final AuthenticatorSelectionCriteria SELECTION = AuthenticatorSelectionCriteria.builder()
            .userVerification(UserVerificationRequirement.REQUIRED)
            .residentKey(ResidentKeyRequirement.REQUIRED).build();

    /** One passkey of an account, as its page lists it. */
    public record Passkey(String id, String label, java.time.Instant created, java.time.Instant lastUsed) {
    }

    private final PublicKeyCredentialUserEntityRepository users;
    private final UserCredentialRepository credentials;
    private final AuditedRelyingParty relyingParty;
    private final Administrators administrators;
    private final RegistryAudit audit;
    private final Clock clock;

    Passkeys(JdbcTemplate jdbc, Administrators administrators, RegistryAudit audit, Clock clock,
             @Value("${portvakt.issuer}") URI issuer) {
        this.users = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
        this.credentials = new JdbcUserCredentialRepository(jdbc);
        this.administrators = administrators;
        this.audit = audit;
        this.clock = clock;
        PublicKeyCredentialRpEntity rp = PublicKeyCredentialRpEntity.builder().id(issuer.getHost())
                .name("Portvakt").build();
        String origin = issuer.getScheme() + "://" + issuer.getAuthority();
        this.relyingParty = new AuditedRelyingParty(users, credentials, rp, Set.of(origin));
        relyingParty.setCustomizeCreationOptions(options -> options.pubKeyCredParams(ALGORITHMS)
                .authenticatorSelection(SELECTION));
        relyingParty.setCustomizeRequestOptions(options -> options.userVerification(
                UserVerificationRequirement.REQUIRED));
    }

    /**
     * Adds the passkey filters to the console's chain. The login's two steps come before the authorization rules
     * (anyone may try); the registration's come after them, so only a console login reaches them.
     */
    public void apply(HttpSecurity http) {
        WebAuthnAuthenticationFilter login = new WebAuthnAuthenticationFilter();
        login.setRequiresAuthenticationRequestMatcher(post(LOGIN));
        login.setAuthenticationManager(this::login);
        ConsoleLoginFilter.startsSession(login);
        login.setAuthenticationSuccessHandler(Passkeys::toConsole);
        PublicKeyCredentialRequestOptionsFilter loginOptions = new PublicKeyCredentialRequestOptionsFilter(
                relyingParty);
        loginOptions.setRequestMatcher(post(LOGIN_OPTIONS));

        SessionCreationOptions kept = new SessionCreationOptions(relyingParty.rp());
        PublicKeyCredentialCreationOptionsFilter registrationOptions = new PublicKeyCredentialCreationOptionsFilter(
                relyingParty);
        registrationOptions.setRequestMatcher(post(REGISTRATION_OPTIONS));
        registrationOptions.setCreationOptionsRepository(kept);
        WebAuthnRegistrationFilter registration = new WebAuthnRegistrationFilter(credentials, relyingParty);
        registration.setRegisterCredentialMatcher(post(REGISTRATION));
        // Removing is a form on the passkeys page (it works without JavaScript), not the filter's DELETE.
        registration.setRemoveCredentialMatcher(request -> false);
        registration.setCreationOptionsRepository(kept);

        http.addFilterBefore(login, BasicAuthenticationFilter.class)
                .addFilterBefore(loginOptions, AuthorizationFilter.class)
                .addFilterAfter(registrationOptions, AuthorizationFilter.class)
                .addFilterAfter(registration, AuthorizationFilter.class)
                .addFilterBefore(refusedRegistrationIsBadRequest(), AuthorizationFilter.class);
    }

    /** The passkeys of an account, oldest first. */
    public List<Passkey> of(String username) {
        return user(username).map(user -> credentials.findByUserId(user.getId()).stream()
                .sorted(java.util.Comparator.comparing(CredentialRecord::getCreated))
                .map(c -> new Passkey(c.getCredentialId().toBase64UrlString(), c.getLabel(), c.getCreated(),
                        c.getLastUsed()))
                .toList()).orElse(List.of());
    }

    /** Removes one of the account's own passkeys; false when it has no such passkey. */
    public boolean remove(String username, String id, String actor) {
        Optional<Passkey> passkey = of(username).stream().filter(p -> p.id().equals(id)).findFirst();
        passkey.ifPresent(p -> {
            credentials.delete(Bytes.fromBase64(p.id()));
            audit.record(actor, "administrator", username, "remove passkey", Map.of("passkey", p.label()), null);
        });
        return passkey.isPresent();
    }

    private Optional<PublicKeyCredentialUserEntity> user(String username) {
        return Optional.ofNullable(users.findByUsername(username));
    }

    /** The assertion verified (challenge, origin, rp id, signature, user verification), then the account's rules. */
    private Authentication login(Authentication request) {
        PublicKeyCredentialUserEntity user;
        try {
            user = relyingParty.authenticate(((WebAuthnAuthenticationRequestToken) request).getWebAuthnRequest());
        } catch (RuntimeException e) {
            throw new BadCredentialsException("passkey not accepted", e);
        }
        Administrators.Account account = administrators.account(user.getName())
                .filter(a -> CONSOLE_ROLES.contains(a.role()))
                .orElseThrow(() -> new BadCredentialsException("no console account"));
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(clock.instant())) {
            throw new BadCredentialsException("locked");
        }
        return new AdministratorAuthentication(account.username(), account.role(), null);
    }

    /** The login's answer to the page's script, which then goes to the console's start page. */
    private static void toConsole(HttpServletRequest request, HttpServletResponse response, Authentication a)
            throws java.io.IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"authenticated\":true,\"redirectUrl\":\"" + request.getContextPath()
                + "/console\"}");
    }

    /** A registration whose attestation does not verify is the browser's bad request, not a server error. */
    private static Filter refusedRegistrationIsBadRequest() {
        return (request, response, chain) -> {
            try {
                chain.doFilter(request, response);
            } catch (RefusedRegistration e) {
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_BAD_REQUEST);
            }
        };
    }

    private static PathPatternRequestMatcher post(String path) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
    }

    private static final class RefusedRegistration extends RuntimeException {
        RefusedRegistration(RuntimeException cause) {
            super("passkey registration refused", cause);
        }
    }

    /** The framework's relying party, with every registered passkey written to the change trail. */
    private final class AuditedRelyingParty extends Webauthn4JRelyingPartyOperations {

        private final PublicKeyCredentialRpEntity rp;

        AuditedRelyingParty(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials,
                            PublicKeyCredentialRpEntity rp, Set<String> origins) {
            super(users, credentials, rp, origins);
            this.rp = rp;
        }

        PublicKeyCredentialRpEntity rp() {
            return rp;
        }

        @Override
        public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
            String label = request.getPublicKey().getLabel();
            if (label == null || label.isBlank() || label.length() > 100) {
                throw new RefusedRegistration(new IllegalArgumentException("a passkey needs a name of 1-100"));
            }
            CredentialRecord record;
            try {
                record = super.registerCredential(request);
            } catch (RuntimeException e) {
                throw new RefusedRegistration(e);
            }
            audit.record(AdministratorAuthentication.signedIn().actor(), "administrator", request.getCreationOptions().getUser().getName(), "add passkey",
                    null, Map.of("passkey", record.getLabel()));
            return record;
        }
    }

    /**
     * Keeps a registration's options in the session between its two requests. The framework's own repository
     * keeps the options object, which is not {@link Serializable}, and the JDBC session needs that. What verifying
     * the registration reads (challenge, user, relying party, algorithms, user verification) comes back the same.
     */
    private static final class SessionCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

        private static final String ATTRIBUTE = SessionCreationOptions.class.getName();

        private record Kept(byte[] challenge, byte[] userId, String userName, String displayName)
                implements Serializable {
        }

        private final PublicKeyCredentialRpEntity rp;

        SessionCreationOptions(PublicKeyCredentialRpEntity rp) {
            this.rp = rp;
        }

        @Override
        public void save(HttpServletRequest request, HttpServletResponse response,
                         PublicKeyCredentialCreationOptions options) {
            if (options == null) {
                request.getSession().removeAttribute(ATTRIBUTE);
                return;
            }
            PublicKeyCredentialUserEntity user = options.getUser();
            request.getSession().setAttribute(ATTRIBUTE, new Kept(options.getChallenge().getBytes(),
                    user.getId().getBytes(), user.getName(), user.getDisplayName()));
        }

        @Override
        public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
            var session = request.getSession(false);
            if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Kept kept)) {
                return null;
            }
            return PublicKeyCredentialCreationOptions.builder().rp(rp)
                    .user(ImmutablePublicKeyCredentialUserEntity.builder().id(new Bytes(kept.userId()))
                            .name(kept.userName()).displayName(kept.displayName()).build())
                    .challenge(new Bytes(kept.challenge())).pubKeyCredParams(ALGORITHMS)
                    .authenticatorSelection(SELECTION).build();
        }
    }
}
