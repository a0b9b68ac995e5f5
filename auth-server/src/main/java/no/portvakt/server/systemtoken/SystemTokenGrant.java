package no.portvakt.server.systemtoken;

import java.io.Serial;
import java.util.Map;
import java.util.Set;
import no.portvakt.server.issuance.Issuing;
import no.portvakt.server.issuance.IssuingGrant;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client_credentials request as the framework reads it, carrying the SystemToken's {@link Issuing}:
 * {@link SystemTokenRules} decide the issuance before the framework's provider runs, and
 * {@link SystemTokenClaims} read it instead of reading and checking the request again.
 */
public final class SystemTokenGrant extends OAuth2ClientCredentialsAuthenticationToken implements IssuingGrant {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Issuing issuing = Issuing.byRules();

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

    @Override
    public Issuing issuing() {
        return issuing;
    }
}
