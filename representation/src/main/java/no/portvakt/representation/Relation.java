package no.portvakt.representation;

/** How the acting citizen is related to the person they act for, as the tokens name it. */
public enum Relation {
    SELF("self"),
    PARENT("parent"),
    POWER_OF_ATTORNEY("power_of_attorney"),
    ASSIGNED_POWER_OF_ATTORNEY("assigned_power_of_attorney"),
    GUARDIAN("guardian");

    private final String claimValue;

    Relation(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The value of {@code representation.relation} in tokens (docs/tokens.md). */
    public String claimValue() {
        return claimValue;
    }
}
