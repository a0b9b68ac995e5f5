package no.portvakt.server.codeflow;

import no.portvakt.server.issuance.IssuingGrant;
import no.portvakt.server.issuance.Issuing;
import java.io.Serial;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The code and refresh grants as the framework reads them, each carrying its {@link Issuing}: their issuance is
 * decided when their first token is assembled, from the authorization the framework read.
 */
public final class CodeFlowGrants {

    private CodeFlowGrants() {
    }

    /** The framework's converter of the code grant, its result carried in Portvakt's grant type. */
    public static AuthenticationConverter code() {
        var framework = new OAuth2AuthorizationCodeAuthenticationConverter();
        return request -> framework.convert(request) instanceof OAuth2AuthorizationCodeAuthenticationToken read
                ? new CodeGrant(read.getCode(), (Authentication) read.getPrincipal(), read.getRedirectUri(),
                        read.getAdditionalParameters())
                : null;
    }

    /** The framework's converter of the refresh grant, its result carried in Portvakt's grant type. */
    public static AuthenticationConverter refresh() {
        var framework = new OAuth2RefreshTokenAuthenticationConverter();
        return request -> framework.convert(request) instanceof OAuth2RefreshTokenAuthenticationToken read
                ? new RefreshGrant(read.getRefreshToken(), (Authentication) read.getPrincipal(), read.getScopes(),
                        read.getAdditionalParameters())
                : null;
    }

    static final class CodeGrant extends OAuth2AuthorizationCodeAuthenticationToken implements IssuingGrant {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Issuing issuing = Issuing.atFirstToken();

        CodeGrant(String code, Authentication client, String redirectUri, Map<String, Object> parameters) {
            super(code, client, redirectUri, parameters);
        }

        @Override
        public Issuing issuing() {
            return issuing;
        }
    }

    static final class RefreshGrant extends OAuth2RefreshTokenAuthenticationToken implements IssuingGrant {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Issuing issuing = Issuing.atFirstToken();

        RefreshGrant(String refreshToken, Authentication client, Set<String> scopes, Map<String, Object> parameters) {
            super(refreshToken, client, scopes, parameters);
        }

        @Override
        public Issuing issuing() {
            return issuing;
        }
    }
}
