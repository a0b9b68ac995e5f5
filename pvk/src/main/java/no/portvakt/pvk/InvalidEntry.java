package no.portvakt.pvk;

/** A definition or subscription that breaks a rule: {@code field} names the field, the message the rule. */
public final class InvalidEntry extends RuntimeException {

    private final String field;

    public InvalidEntry(String field, String problem) {
        super(problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
