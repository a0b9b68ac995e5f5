package no.portvakt.pvk;

import java.util.Arrays;
import java.util.Optional;

/** The kind of a definition ({@code typePi}): what a citizen says yes or no to. */
public enum PiType {
    /** A consent: the partner may do something only while it is active. */
    SAMTYKKE("samtykke"),
    /** A reservation: the citizen has said no to something the partner may otherwise do. */
    RESERVASJON("reservasjon"),
    /** A restriction of access ("sperre"): some health personnel may not see some data. */
    TILGANGSBEGRENSNING("tilgangsbegrensning");

    private final String value;

    PiType(String value) {
        this.value = value;
    }

    /** The value in messages, the bootstrap file and the APIs. */
    public String value() {
        return value;
    }

    public static Optional<PiType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
