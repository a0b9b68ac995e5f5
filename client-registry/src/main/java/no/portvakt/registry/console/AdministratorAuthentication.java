package no.portvakt.registry.console;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A logged-in administrator of the console: {@code ROLE_CONSOLE_ADMIN} may change, {@code ROLE_CONSOLE_AUDITOR}
 * may only read. Never a citizen: the console's chain accepts nothing else.
 */
public final class AdministratorAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String ADMIN = "CONSOLE_ADMIN";
    public static final String AUDITOR = "CONSOLE_AUDITOR";

    private final String username;

    AdministratorAuthentication(String username, String role) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + ("admin".equals(role) ? ADMIN : AUDITOR))));
        this.username = username;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getPrincipal() {
        return username;
    }

    /** How the change trail names the administrator. */
    public String actor() {
        return "console:" + username;
    }
}
