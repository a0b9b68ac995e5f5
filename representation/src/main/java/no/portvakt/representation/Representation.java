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

    /**
     * Whether the one acting may see, in the represented person's access log, that someone else had a token for
     * the person's data in {@code apiScopes} issued. Insight follows use: without limits, all of it; with limits
     * (a child of 12 to 15, an ordinary power of attorney), only a use of data they may reach themselves, so that
     * what a teen does with other services, or a login of theirs that reaches no data, stays the teen's. What the
     * one acting did themself they always see.
     */
    public boolean maySeeOthersUseOf(Set<String> apiScopes) {
        return scopeLimits == null || !apiScopes.isEmpty() && scopeLimits.containsAll(apiScopes);
    }
}
