package no.portvakt.server.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import no.portvakt.representation.Person;
import no.portvakt.representation.Representation;
import no.portvakt.server.issuance.Issuance;
import no.portvakt.server.issuance.OidcScopes;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.stereotype.Component;

/**
 * The logged-in citizen's part of every token issued for them (the ID token, the relying party's access token,
 * the citizen-bound token): the pairwise {@code sub} for the partner that receives the token (OIDC Core §8.1),
 * {@code acr}, and {@code representation}, whom they act for and how. What {@code represented} holds follows the
 * scopes (data minimisation):
 * <ul>
 *   <li>{@code sub}: always, the represented person's pairwise identifier for this partner;</li>
 *   <li>{@code pid}: with the {@code pid} scope, and always in a citizen-bound token (the API must know whose
 *       data);</li>
 *   <li>{@code name}, {@code birthdate}: with the {@code profile} scope.</li>
 * </ul>
 */
@Component
public class CitizenClaims {

    public static final String REPRESENTATION = "representation";

    private final PairwiseSubject pairwise;

    public CitizenClaims(PairwiseSubject pairwise) {
        this.pairwise = pairwise;
    }

    /** {@code sub}, {@code acr} and {@code representation}; {@code represented.pid} always when {@code forApi}. */
    public void apply(JwtClaimsSet.Builder claims, Issuance issuance, boolean forApi) {
        Issuance.Acting acting = issuance.acting()
                .orElseThrow(() -> new IllegalStateException("a citizen's token without a logged-in citizen"));
        claims.subject(pairwise.of(acting.citizen().pid(), issuance.sector()));
        claims.claim(IdTokenClaimNames.ACR, acting.citizen().acr());
        claims.claim(REPRESENTATION, representation(acting.representation(), issuance.sector(),
                forApi || issuance.scopes().contains(OidcScopes.PID), issuance.scopes().contains(OidcScopes.PROFILE)));
    }

    private Map<String, Object> representation(Representation representation, String sector, boolean pid,
                                               boolean profile) {
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
}
