package no.portvakt.pvk.settings;

import no.portvakt.pvk.rules.Refusal;

/** The rules refused a change; nothing was stored. */
public final class ChangeRefused extends RuntimeException {

    private final Refusal refusal;

    public ChangeRefused(Refusal refusal) {
        super(refusal.rule());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
