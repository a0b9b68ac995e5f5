package no.portvakt.pvk;

import java.util.Objects;

/** One text in bokmål, nynorsk and English, the citizen pages' three languages. */
public record LocalisedText(String nb, String nn, String en) {

    public LocalisedText {
        Objects.requireNonNull(nb, "nb");
        Objects.requireNonNull(nn, "nn");
        Objects.requireNonNull(en, "en");
    }

    /** The text in {@code language} (nb, nn or en); bokmål for any other. */
    public String in(String language) {
        return switch (language == null ? "nb" : language) {
            case "nn" -> nn;
            case "en" -> en;
            default -> nb;
        };
    }
}
