package no.portvakt.server.claims;

import java.util.Collection;
import java.util.TreeSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * {@code scope} in every access token as RFC 9068 §2.2.3 writes it: one space-separated string (the framework
 * writes a JSON array), in a stable order.
 */
@Component
public class AccessTokenScope implements TokenClaimContributor {

    public static String of(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    @Override
    public void contribute(JwtEncodingContext context) {
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().claim("scope", of(context.getAuthorizedScopes()));
        }
    }
}
