package no.portvakt.registry.outbound;

/** A URL Portvakt will not send a request to, and why (the reason completes "the URL ..."). */
public final class RefusedTarget extends RuntimeException {

    public RefusedTarget(String reason) {
        super(reason);
    }
}
