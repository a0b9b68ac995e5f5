package no.portvakt.server.login;

import java.io.Serial;
import org.springframework.security.core.AuthenticationException;

/** A login that failed for a reason the login page explains; {@code code} names the message. */
final class LoginFailure extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String code;

    LoginFailure(String code) {
        super(code);
        this.code = code;
    }

    String code() {
        return code;
    }
}
