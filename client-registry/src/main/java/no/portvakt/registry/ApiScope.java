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

    /**
     * A scope in plain language, for the citizen: once as it reads to the person whose data it is ("See your
     * appointments"), once as it reads to someone acting for them ("See {name}'s appointments"), where
     * {@value #NAME} stands for the represented person's name.
     */
    public record Text(String title, String description, String titleForOther, String descriptionForOther) {

        /** The placeholder for the represented person's name in the texts for someone acting for them. */
        public static final String NAME = "{name}";
        /** The texts' names in a registration, in this order. */
        public static final java.util.List<String> FIELDS =
                java.util.List.of("title", "description", "title_for_other", "description_for_other");

        /** The texts by their names in {@link #FIELDS}. */
        public static Text of(java.util.function.Function<String, String> field) {
            return new Text(field.apply("title"), field.apply("description"), field.apply("title_for_other"),
                    field.apply("description_for_other"));
        }

        /** The texts there are, by their names in {@link #FIELDS}, in that order. */
        public java.util.Map<String, String> fields() {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            String[] values = {title, description, titleForOther, descriptionForOther};
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    fields.put(FIELDS.get(i), values[i]);
                }
            }
            return fields;
        }

        /**
         * The text as it reads to the person it is shown to: the citizen's own ({@code representedName} null), or
         * one acting for {@code representedName}. A registration from before the texts for someone acting for
         * another has only the citizen's own.
         */
        public Text about(String representedName) {
            if (representedName == null || titleForOther == null || descriptionForOther == null) {
                return this;
            }
            return new Text(titleForOther.replace(NAME, representedName),
                    descriptionForOther.replace(NAME, representedName), null, null);
        }
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
        return text != null ? text : texts.getOrDefault("nb", new Text(name, description, null, null));
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
