package no.portvakt.server.systemtoken;

import java.util.List;
import java.util.Map;
import no.portvakt.server.claims.AccessTokenClaims;
import no.portvakt.server.claims.ApiAccessTokenClaims;
import no.portvakt.server.issuance.ClaimsAssembler;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.TokenKind;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The SystemToken (docs/tokens.md): {@link AccessTokenClaims}, {@link ApiAccessTokenClaims} for its one API
 * ({@code endusertype} {@code citizen} when it names one, else {@code system}), {@code client_name}, and the
 * citizen's {@code authorization_details} when one is named (the same the client sent, RFC 9396 §2).
 * {@code iss}, {@code iat}, {@code nbf}, {@code jti} and {@code sub} (the client_id, RFC 9068 §2.2) come from the
 * framework.
 */
@Component
public class SystemTokenClaims implements ClaimsAssembler {

    @Override
    public TokenKind kind() {
        return TokenKind.SYSTEM_TOKEN;
    }

    @Override
    public void assemble(JwtEncodingContext context, Issuance issuance) {
        AccessTokenClaims.apply(context);
        var claims = ApiAccessTokenClaims.apply(context, issuance.apis(),
                issuance.namedCitizen().isPresent() ? "citizen" : "system", null);
        claims.claim("client_name", context.getRegisteredClient().getClientName());
        issuance.namedCitizen().ifPresent(pid -> claims.claim("authorization_details",
                List.of(Map.of("type", "citizen", "pid", pid))));
    }
}
