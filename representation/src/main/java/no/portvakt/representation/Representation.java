package no.portvakt.representation;

import java.time.LocalDate;
import java.util.Set;

/**
 * That the acting citizen may act for {@code represented}, and how: {@code scopeLimits} is null when the rules
 * restrict nothing, else the only scopes a token in this context may carry; {@code validUntil} is the last day a
 * power of attorney or guardianship holds, or null.
 */
public record Representation(Relation relation, Person represented, Set<String> scopeLimits, LocalDate validUntil) {

    public Representation {
        scopeLimits = scopeLimits == null ? null : Set.copyOf(scopeLimits);
    }

    public boolean restrictsScopes() {
        return scopeLimits != null;
    }
}
