package no.portvakt.server.claims;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.stereotype.Component;

/**
 * {@code cnf.jkt} (RFC 9449 §6.1): an access token requested with a DPoP proof is bound to the proof's key, by
 * its RFC 7638 thumbprint. The framework has verified the proof; the token type becomes {@code DPoP}.
 */
@Component
public class DpopConfirmation implements TokenClaimContributor {

    @Override
    public void contribute(JwtEncodingContext context) {
        Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
        if (proof == null || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
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
