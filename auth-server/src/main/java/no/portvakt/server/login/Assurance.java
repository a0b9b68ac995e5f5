package no.portvakt.server.login;

import java.util.List;

/** ID-porten's levels of assurance (eIDAS), lowest first. */
public final class Assurance {

    public static final String SUBSTANTIAL = "idporten-loa-substantial";
    public static final String HIGH = "idporten-loa-high";
    public static final List<String> LEVELS = List.of(SUBSTANTIAL, HIGH);

    private Assurance() {
    }

    /** True when {@code actual} is at least as strong as {@code required}. */
    public static boolean satisfies(String actual, String required) {
        int a = LEVELS.indexOf(actual);
        int r = LEVELS.indexOf(required);
        return a >= 0 && r >= 0 && a >= r;
    }
}
