package no.portvakt.server.exchange;

import java.time.Instant;
import java.util.Map;
import no.portvakt.server.claims.AccessTokenClaims;
import no.portvakt.server.claims.ApiAccessTokenClaims;
import no.portvakt.server.claims.CitizenClaims;
import no.portvakt.server.issuance.ClaimsAssembler;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.TokenKind;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The citizen-bound token (docs/tokens.md): the citizen's claims ({@link CitizenClaims}, with the represented
 * person's {@code pid}), {@link AccessTokenClaims}, {@link ApiAccessTokenClaims} for its one API with a lifetime
 * that never outlives the subject token, {@code act} naming the exchanging client (RFC 8693 §4.1), and {@code pid}
 * (the API must know whose data).
 */
@Component
public class CitizenBoundTokenClaims implements ClaimsAssembler {

    private final CitizenClaims citizenClaims;

    public CitizenBoundTokenClaims(CitizenClaims citizenClaims) {
        this.citizenClaims = citizenClaims;
    }

    @Override
    public TokenKind kind() {
        return TokenKind.CITIZEN_BOUND_TOKEN;
    }

    @Override
    public void assemble(JwtEncodingContext context, Issuance issuance) {
        citizenClaims.apply(context.getClaims(), issuance, true);
        AccessTokenClaims.apply(context);
        // The framework's context holds the subject token's authorization.
        Instant subjectExpiry = context.getAuthorization().getAccessToken().getToken().getExpiresAt();
        ApiAccessTokenClaims.apply(context, issuance.apis(), "citizen", subjectExpiry)
                .claim("act", Map.of("sub", issuance.client().getClientId()))
                .claim("pid", issuance.actingPid().orElseThrow());
    }
}
