package no.portvakt.registry.bootstrap;

/** A bootstrap file that cannot be applied; the message names the file, the entry and the field. */
public class BootstrapException extends RuntimeException {

    public BootstrapException(String message) {
        super(message);
    }

    public BootstrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
