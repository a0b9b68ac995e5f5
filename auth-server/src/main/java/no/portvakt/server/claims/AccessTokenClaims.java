package no.portvakt.server.claims;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;

/**
 * What every access token carries, whatever its kind:
 * <ul>
 *   <li>{@code scope} as RFC 9068 §2.2.3 writes it: one space-separated string (the framework writes a JSON array),
 *       in a stable order;</li>
 *   <li>{@code cnf.jkt} (RFC 9449 §6.1) when it was requested with a DPoP proof: the token is bound to the proof's
 *       key, by its RFC 7638 thumbprint (the framework has verified the proof; the token type becomes
 *       {@code DPoP}).</li>
 * </ul>
 */
public final class AccessTokenClaims {

    private AccessTokenClaims() {
    }

    public static String scope(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    public static void apply(JwtEncodingContext context) {
        context.getClaims().claim("scope", scope(context.getAuthorizedScopes()));
        Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
        if (proof == null) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            JWK key = JWK.parse((Map<String, Object>) proof.getHeaders().get("jwk"));
            context.getClaims().claim("cnf", Map.of("jkt", key.computeThumbprint().toString()));
        } catch (ParseException | JOSEException | ClassCastException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_dpop_proof",
                    "The DPoP proof's jwk cannot be read", null));
        }
    }
}
