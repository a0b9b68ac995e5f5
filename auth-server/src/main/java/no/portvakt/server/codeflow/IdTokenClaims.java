package no.portvakt.server.codeflow;

import no.portvakt.server.claims.UserInfoClaims;
import no.portvakt.server.claims.CitizenClaims;
import java.util.Date;
import no.portvakt.server.issuance.ClaimsAssembler;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.OidcScopes;
import no.portvakt.server.issuance.TokenKind;
import no.portvakt.server.login.Citizen;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The ID token (OIDC Core §2): the citizen's claims ({@link CitizenClaims}), {@code amr}, {@code auth_time},
 * {@code sid}, and who the citizen is only as far as the granted scopes say: {@code pid}, the fødselsnummer, with
 * the {@code pid} scope (ID-porten's claim name); {@code name}, {@code given_name}, {@code family_name} with
 * {@code profile} (OIDC Core §5.4). A client may only ask for the scopes it is registered for, so a partner gets
 * only the claims it is registered for. Userinfo repeats these ({@link UserInfoClaims}).
 */
@Component
public class IdTokenClaims implements ClaimsAssembler {

    private final CitizenClaims citizenClaims;

    public IdTokenClaims(CitizenClaims citizenClaims) {
        this.citizenClaims = citizenClaims;
    }

    @Override
    public TokenKind kind() {
        return TokenKind.ID_TOKEN;
    }

    @Override
    public void assemble(JwtEncodingContext context, Issuance issuance) {
        var claims = context.getClaims();
        citizenClaims.apply(claims, issuance, false);
        Citizen citizen = issuance.acting().orElseThrow().citizen();
        claims.claim(IdTokenClaimNames.AMR, citizen.amr());
        claims.claim(IdTokenClaimNames.AUTH_TIME, Date.from(citizen.authTime()));
        claims.claim("sid", citizen.sid());
        if (issuance.scopes().contains(OidcScopes.PID)) {
            claims.claim(OidcScopes.PID, citizen.pid());
        }
        if (issuance.scopes().contains(OidcScopes.PROFILE) && citizen.givenName() != null) {
            claims.claim(StandardClaimNames.NAME, citizen.name());
            claims.claim(StandardClaimNames.GIVEN_NAME, citizen.givenName());
            claims.claim(StandardClaimNames.FAMILY_NAME, citizen.familyName());
        }
    }
}
