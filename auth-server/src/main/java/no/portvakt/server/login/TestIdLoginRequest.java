package no.portvakt.server.login;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** What the TestID form sent, before it is checked. */
final class TestIdLoginRequest extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String pid;
    private final String acr;

    TestIdLoginRequest(String pid, String acr) {
        super(List.of());
        this.pid = pid;
        this.acr = acr;
    }

    String pid() {
        return pid;
    }

    String acr() {
        return acr;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return pid;
    }
}
