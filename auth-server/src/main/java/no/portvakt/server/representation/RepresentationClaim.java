package no.portvakt.server.representation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.portvakt.representation.Person;
import no.portvakt.representation.Representation;
import no.portvakt.server.claims.CitizenClaims;
import no.portvakt.server.claims.PairwiseSubject;
import no.portvakt.server.claims.TokenClaimContributor;
import no.portvakt.server.login.CitizenAuthentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * The {@code representation} claim in every token minted for a logged-in citizen (ID token, access tokens, the
 * citizen-bound token; userinfo repeats the ID token's), by the rules as they stand at minting: a representation
 * that ended since the citizen chose it (a child turned 16 at midnight), or scopes beyond what it allows, refuse
 * the token with {@code invalid_grant}. What {@code represented} holds follows the scopes (data minimisation):
 * <ul>
 *   <li>{@code sub}: always, the represented person's pairwise identifier for this partner;</li>
 *   <li>{@code pid}: with the {@code pid} scope, and always in a citizen-bound token for an API;</li>
 *   <li>{@code name}, {@code birthdate}: with the {@code profile} scope.</li>
 * </ul>
 */
@Component
public class RepresentationClaim implements TokenClaimContributor {

    public static final String CLAIM = "representation";

    private final ActingContext acting;
    private final PairwiseSubject pairwise;
    private final CitizenClaims citizenClaims;

    public RepresentationClaim(ActingContext acting, PairwiseSubject pairwise, CitizenClaims citizenClaims) {
        this.acting = acting;
        this.pairwise = pairwise;
        this.citizenClaims = citizenClaims;
    }

    @Override
    public void contribute(JwtEncodingContext context) {
        if (!(context.getPrincipal() instanceof CitizenAuthentication authentication)) {
            return;
        }
        Representation representation = acting.current(authentication.citizen())
                .orElseThrow(() -> refuse("the citizen may no longer act for the person chosen at login"));
        Set<String> scopes = context.getAuthorizedScopes();
        if (!ActingContext.beyondLimits(representation, scopes).isEmpty()) {
            throw refuse("the representation does not allow the scopes "
                    + String.join(" ", new TreeSet<>(ActingContext.beyondLimits(representation, scopes))));
        }
        boolean forApi = AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType());
        context.getClaims().claim(CLAIM, claim(representation, citizenClaims.sectorOf(context),
                forApi || scopes.contains("pid"), scopes.contains("profile")));
    }

    private Map<String, Object> claim(Representation representation, String sector, boolean pid, boolean profile) {
        Person person = representation.represented();
        Map<String, Object> represented = new LinkedHashMap<>();
        represented.put("sub", pairwise.of(person.pid(), sector));
        if (pid) {
            represented.put("pid", person.pid());
        }
        if (profile && person.givenName() != null) {
            represented.put("name", person.name());
        }
        if (profile && person.birthDate() != null) {
            represented.put("birthdate", person.birthDate().toString());
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("relation", representation.relation().claimValue());
        claim.put("represented", represented);
        if (representation.restrictsScopes()) {
            // An ArrayList: the claims are stored with the authorization, as JSON the framework allows back in.
            claim.put("scope_limits", new ArrayList<>(new TreeSet<>(representation.scopeLimits())));
        }
        if (representation.validUntil() != null) {
            claim.put("valid_until", representation.validUntil().toString());
        }
        return claim;
    }

    private static OAuth2AuthenticationException refuse(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }
}
