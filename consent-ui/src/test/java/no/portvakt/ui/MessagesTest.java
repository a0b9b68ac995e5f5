package no.portvakt.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The citizen's pages speak bokmål, nynorsk and English: every text exists in all three, and none is empty. */
class MessagesTest {

    @Test
    void everyMessageExistsInAllThreeLanguages() throws IOException {
        Properties bokmal = load("i18n/messages.properties");
        Properties nynorsk = load("i18n/messages_nn.properties");
        Properties english = load("i18n/messages_en.properties");
        assertThat(nynorsk.stringPropertyNames()).isEqualTo(bokmal.stringPropertyNames());
        assertThat(english.stringPropertyNames()).isEqualTo(bokmal.stringPropertyNames());
        for (Properties language : new Properties[] {bokmal, nynorsk, english}) {
            language.forEach((key, text) -> assertThat(text.toString()).as(key.toString()).isNotBlank());
        }
    }

    @Test
    void nynorskAndEnglishAreTranslationsNotCopies() throws IOException {
        Properties bokmal = load("i18n/messages.properties");
        Properties english = load("i18n/messages_en.properties");
        long same = bokmal.stringPropertyNames().stream()
                .filter(key -> bokmal.getProperty(key).equals(english.getProperty(key)))
                .filter(key -> !key.equals("app.name") && !key.startsWith("login.idporten.heading"))
                .count();
        assertThat(same).isZero();
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
