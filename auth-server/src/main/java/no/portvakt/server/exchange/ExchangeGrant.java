package no.portvakt.server.exchange;

import java.io.Serial;
import java.util.Set;
import no.portvakt.server.issuance.Issuing;
import no.portvakt.server.issuance.IssuingGrant;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2TokenExchangeAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A token exchange request as the framework reads it, carrying the citizen-bound token's {@link Issuing}:
 * {@link CitizenTokenExchange} decides the issuance before the framework's provider runs, and
 * {@link CitizenBoundTokenClaims} read it.
 */
public final class ExchangeGrant extends OAuth2TokenExchangeAuthenticationToken implements IssuingGrant {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Issuing issuing;

    private ExchangeGrant(OAuth2TokenExchangeAuthenticationToken read, Authentication client, Set<String> scopes,
                          Issuing issuing) {
        super(read.getRequestedTokenType(), read.getSubjectToken(), read.getSubjectTokenType(), client,
                read.getActorToken(), read.getActorTokenType(), read.getResources(), read.getAudiences(), scopes,
                read.getAdditionalParameters());
        this.issuing = issuing;
    }

    /** The framework's converter, its result carried in this type. */
    public static AuthenticationConverter converter() {
        OAuth2TokenExchangeAuthenticationConverter framework = new OAuth2TokenExchangeAuthenticationConverter();
        return request -> framework.convert(request) instanceof OAuth2TokenExchangeAuthenticationToken read
                ? new ExchangeGrant(read, (Authentication) read.getPrincipal(), read.getScopes(), Issuing.byRules())
                : null;
    }

    /** The same request and issuance, for {@code client} (the client as the checked API scopes make it). */
    ExchangeGrant forClient(Authentication client) {
        return new ExchangeGrant(this, client, getScopes(), issuing);
    }

    @Override
    public Issuing issuing() {
        return issuing;
    }
}
