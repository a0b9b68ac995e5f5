package no.portvakt.representation;

import java.util.Set;

/**
 * The configurable part of the rules: which scopes a parent may use for a child of 12 to 15, and which a holder
 * of an ordinary power of attorney may use (consents and reservations stay with the giver). Immutable; built with
 * {@link #builder()}. Null means "no restriction".
 */
public final class RepresentationPolicy {

    /** Parents act for children under this age. */
    public static final int AGE_OF_HEALTH_MAJORITY = 16;
    /** From this age a parent's access to the child's matters is limited. */
    public static final int AGE_OF_LIMITED_PARENTAL_ACCESS = 12;
    /** A power of attorney's giver must be at least this old. */
    public static final int MINIMUM_GIVER_AGE = 16;
    /** A power of attorney's holder must be at least this old. */
    public static final int MINIMUM_HOLDER_AGE = 18;

    private final Set<String> teenScopes;
    private final Set<String> ordinaryPowerOfAttorneyScopes;

    private RepresentationPolicy(Builder builder) {
        this.teenScopes = builder.teenScopes == null ? null : Set.copyOf(builder.teenScopes);
        this.ordinaryPowerOfAttorneyScopes = builder.ordinaryPowerOfAttorneyScopes == null ? null
                : Set.copyOf(builder.ordinaryPowerOfAttorneyScopes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The scopes a parent may use for a child of 12 to 15 (never null: the law limits them). */
    public Set<String> teenScopes() {
        return teenScopes == null ? Set.of() : teenScopes;
    }

    public Set<String> ordinaryPowerOfAttorneyScopes() {
        return ordinaryPowerOfAttorneyScopes;
    }

    public static final class Builder {
        private Set<String> teenScopes;
        private Set<String> ordinaryPowerOfAttorneyScopes;

        private Builder() {
        }

        public Builder teenScopes(Set<String> scopes) {
            this.teenScopes = scopes;
            return this;
        }

        public Builder ordinaryPowerOfAttorneyScopes(Set<String> scopes) {
            this.ordinaryPowerOfAttorneyScopes = scopes;
            return this;
        }

        public RepresentationPolicy build() {
            return new RepresentationPolicy(this);
        }
    }
}
