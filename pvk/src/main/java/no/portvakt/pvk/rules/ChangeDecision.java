package no.portvakt.pvk.rules;

import java.util.Objects;
import no.portvakt.representation.Relation;

/** The rules' answer: allowed, acting as {@code relation}; or refused by {@code refusal}. */
public record ChangeDecision(Relation relation, Refusal refusal) {

    public ChangeDecision {
        if ((relation == null) == (refusal == null)) {
            throw new IllegalArgumentException("allowed with a relation, or refused with a reason");
        }
    }

    static ChangeDecision allowed(Relation relation) {
        return new ChangeDecision(Objects.requireNonNull(relation), null);
    }

    static ChangeDecision refused(Refusal refusal) {
        return new ChangeDecision(null, Objects.requireNonNull(refusal));
    }

    public boolean allowed() {
        return refusal == null;
    }
}
