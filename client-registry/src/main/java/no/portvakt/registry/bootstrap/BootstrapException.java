package no.portvakt.registry.bootstrap;

/** A bootstrap file that cannot be applied; the message names the file, the entry and the field. */
public class BootstrapException extends RuntimeException {

    private final String field;
    private final String problem;

    public BootstrapException(String message) {
        super(message);
        this.field = null;
        this.problem = message;
    }

    /** A problem with one field of an entry: {@link #field()} and {@link #problem()} say which and what. */
    public BootstrapException(String message, String field, String problem) {
        super(message);
        this.field = field;
        this.problem = problem;
    }

    public BootstrapException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
        this.problem = message;
    }

    /** The field at fault, or null when the problem is not one field's. */
    public String field() {
        return field;
    }

    /** What is wrong, without the file and entry. */
    public String problem() {
        return problem;
    }
}
