package no.portvakt.server.systemtoken;

import java.io.Serial;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client_credentials request as the framework reads it, and the SystemToken it asks for once
 * {@link SystemTokenRules} have checked it: the checked request travels on in the framework's own grant object to
 * the token's claims ({@link SystemTokenClaims}), which read it instead of reading and checking the request again.
 */
public final class SystemTokenGrant extends OAuth2ClientCredentialsAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Set once, by the rules; never by the client. */
    private transient SystemTokenRequest checked;

    private SystemTokenGrant(Authentication client, Set<String> scopes, Map<String, Object> parameters) {
        super(client, scopes, parameters);
    }

    /** The framework's converter, its result carried in this type. */
    public static AuthenticationConverter converter() {
        OAuth2ClientCredentialsAuthenticationConverter framework = new OAuth2ClientCredentialsAuthenticationConverter();
        return request -> framework.convert(request) instanceof OAuth2ClientCredentialsAuthenticationToken read
                ? new SystemTokenGrant((Authentication) read.getPrincipal(), read.getScopes(),
                        read.getAdditionalParameters())
                : null;
    }

    void checked(SystemTokenRequest request) {
        if (checked != null) {
            throw new IllegalStateException("a SystemToken request is checked once");
        }
        checked = request;
    }

    SystemTokenRequest checked() {
        if (checked == null) {
            throw new IllegalStateException("the SystemToken's claims before its rules");
        }
        return checked;
    }
}
