package no.portvakt.registry;

import java.util.Arrays;
import java.util.Optional;

/** A scope a partner API offers, and what a token carrying it needs. */
public record ApiScope(String name, String description, Requires requires) {

    /** What a scope needs of the token's citizen context. */
    public enum Requires {
        /** No citizen: a SystemToken for the system itself. */
        SYSTEM("system"),
        /** A named citizen who need not be logged in: a SystemToken with authorization_details. */
        CITIZEN("citizen"),
        /** A logged-in citizen: only a citizen-bound token (token exchange). */
        LOGIN("login");

        private final String value;

        Requires(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<Requires> of(String value) {
            return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
        }
    }
}
