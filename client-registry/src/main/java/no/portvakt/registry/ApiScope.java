package no.portvakt.registry;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A scope a partner API offers, and what a token carrying it needs. {@code consent}: a citizen must approve it
 * before a relying party gets it; {@code texts} are what the consent page says, by language (nb, nn, en).
 */
public record ApiScope(String name, String description, Requires requires, boolean consent,
                       Map<String, Text> texts) {

    /** The languages every consent text is written in. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("nb", "nn", "en");

    /** A scope in plain language, for the citizen. */
    public record Text(String title, String description) {
    }

    public ApiScope {
        texts = texts == null ? Map.of() : Map.copyOf(texts);
    }

    public ApiScope(String name, String description, Requires requires) {
        this(name, description, requires, false, Map.of());
    }

    /** The text in {@code language}, or bokmål's. */
    public Text text(String language) {
        Text text = texts.get(language);
        return text != null ? text : texts.getOrDefault("nb", new Text(name, description));
    }

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
