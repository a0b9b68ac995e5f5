package no.portvakt.server.login;

import java.util.List;

/** ID-porten's levels of assurance (eIDAS), lowest first. */
public final class Assurance {

    public static final String SUBSTANTIAL = "idporten-loa-substantial";
    public static final String HIGH = "idporten-loa-high";
    public static final List<String> LEVELS = List.of(SUBSTANTIAL, HIGH);

    private Assurance() {
    }

    /**
     * The lowest known level in an {@code acr_values} list (a preference list, OIDC Core §3.1.2.1): the level a
     * login must reach at least. Null when none is named.
     */
    public static String lowestOf(String acrValues) {
        if (acrValues == null) {
            return null;
        }
        List<String> asked = List.of(acrValues.trim().split("\\s+"));
        return LEVELS.stream().filter(asked::contains).findFirst().orElse(null);
    }

    /** The levels a login page may offer when {@code required} is the minimum (all of them for null). */
    public static List<String> atLeast(String required) {
        int from = required == null ? 0 : Math.max(0, LEVELS.indexOf(required));
        return LEVELS.subList(from, LEVELS.size());
    }

    /** True when {@code actual} is at least as strong as {@code required}. */
    public static boolean satisfies(String actual, String required) {
        int a = LEVELS.indexOf(actual);
        int r = LEVELS.indexOf(required);
        return a >= 0 && r >= 0 && a >= r;
    }
}
