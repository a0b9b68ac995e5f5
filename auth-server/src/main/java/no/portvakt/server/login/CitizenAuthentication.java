package no.portvakt.server.login;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated citizen. {@link #getName()} is the fødselsnummer: it never leaves Portvakt as {@code sub}. */
public final class CitizenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Citizen citizen;

    public CitizenAuthentication(Citizen citizen) {
        // The factor's time is what the framework reads for auth_time and session tracking.
        super(List.of(new SimpleGrantedAuthority("ROLE_CITIZEN"),
                FactorGrantedAuthority.withFactor("EID").issuedAt(citizen.authTime()).build()));
        this.citizen = citizen;
        setAuthenticated(true);
    }

    public Citizen citizen() {
        return citizen;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Citizen getPrincipal() {
        return citizen;
    }

    @Override
    public String getName() {
        return citizen.pid();
    }
}
