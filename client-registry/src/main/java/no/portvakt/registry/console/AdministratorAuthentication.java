package no.portvakt.registry.console;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A logged-in administrator of the console ({@code ROLE_CONSOLE_ADMIN} may change, {@code ROLE_CONSOLE_AUDITOR}
 * may only read), or a partner's staff on the partner page ({@code ROLE_PARTNER_STAFF}, one partner's clients).
 * Never a citizen: the console's and the partner page's chains accept nothing else.
 */
public final class AdministratorAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String ADMIN = "CONSOLE_ADMIN";
    public static final String AUDITOR = "CONSOLE_AUDITOR";
    public static final String PARTNER_STAFF = "PARTNER_STAFF";

    private final String username;
    private final String partnerId;
    private final String clientId;

    AdministratorAuthentication(String username, String role, String partnerId) {
        this(username, role, partnerId, null);
    }

    private AdministratorAuthentication(String username, String role, String partnerId, String clientId) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + switch (role) {
            case "admin" -> ADMIN;
            case "partner" -> PARTNER_STAFF;
            default -> AUDITOR;
        })));
        this.username = username;
        this.partnerId = partnerId;
        this.clientId = clientId;
        setAuthenticated(true);
    }

    /** A partner's staff logged in with one client's own credentials: they see and change that client only. */
    public static AdministratorAuthentication ofClient(String partnerId, String clientId) {
        return new AdministratorAuthentication("client:" + clientId, "partner", partnerId, clientId);
    }

    /** The one client a client-credentials login may see, or null for an account's login. */
    public String clientId() {
        return clientId;
    }

    /** The request's login (the console's and the partner page's chains let no other kind through). */
    public static AdministratorAuthentication signedIn() {
        return (AdministratorAuthentication) SecurityContextHolder.getContext().getAuthentication();
    }

    /** The partner whose staff this is, or null for the console's administrators and auditors. */
    public String partnerId() {
        return partnerId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getPrincipal() {
        return username;
    }

    /** How the change trail names the administrator or the partner's staff. */
    public String actor() {
        return (partnerId == null ? "console:" : "partner:" + partnerId + ":") + username;
    }
}
