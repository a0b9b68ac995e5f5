package no.portvakt.pvk.rules;

import java.util.EnumSet;
import java.util.Set;
import no.portvakt.pvk.PiType;

/**
 * The configurable part of the change rules: which kinds of setting a parent may change for a child of 12 to
 * 15. Empty by default: from 12 a child's privacy is the child's, and the parent's say in it is the exception a
 * policy must name.
 */
public record ChangePolicy(Set<PiType> teenParentMayChange) {

    public ChangePolicy {
        teenParentMayChange = teenParentMayChange.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(teenParentMayChange));
    }

    public static ChangePolicy strict() {
        return new ChangePolicy(Set.of());
    }
}
