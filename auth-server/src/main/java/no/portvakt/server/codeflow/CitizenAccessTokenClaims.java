package no.portvakt.server.codeflow;

import no.portvakt.server.claims.ApiAccessTokenClaims;
import no.portvakt.server.claims.AccessTokenClaims;
import no.portvakt.server.claims.CitizenClaims;
import no.portvakt.server.issuance.ClaimsAssembler;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.TokenKind;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * A relying party's access token for the logged-in citizen (the code flow, refresh): the citizen's claims
 * ({@link CitizenClaims}) and {@link AccessTokenClaims}. One that carries scopes of registered APIs (the portal's
 * own, say, which the citizen consented to) is a token for those APIs (RFC 9068, {@link ApiAccessTokenClaims}); one
 * with OpenID Connect's scopes only stays a token for userinfo, with the client as audience and no {@code typ}.
 */
@Component
public class CitizenAccessTokenClaims implements ClaimsAssembler {

    private final CitizenClaims citizenClaims;

    public CitizenAccessTokenClaims(CitizenClaims citizenClaims) {
        this.citizenClaims = citizenClaims;
    }

    @Override
    public TokenKind kind() {
        return TokenKind.CITIZEN_ACCESS_TOKEN;
    }

    @Override
    public void assemble(JwtEncodingContext context, Issuance issuance) {
        citizenClaims.apply(context.getClaims(), issuance, false);
        AccessTokenClaims.apply(context);
        if (!issuance.apis().isEmpty()) {
            ApiAccessTokenClaims.apply(context, issuance.apis(), "citizen", null);
        }
    }
}
